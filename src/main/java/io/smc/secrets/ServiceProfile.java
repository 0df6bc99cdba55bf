package io.smc.secrets;

import java.nio.file.Path;

/**
 * One service of a revision: a {@code deployment-configuration} directory and the profile directory of the chosen
 * environment inside it ({@code profiles/<env>/}, or the legacy {@code <env>/}).
 *
 * @param name       the name of the directory holding {@code deployment-configuration}
 * @param profileDir the environment's directory, absolute
 */
public record ServiceProfile(String name, Path profileDir) {
}
