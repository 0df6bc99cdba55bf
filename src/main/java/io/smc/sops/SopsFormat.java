package io.smc.sops;

import java.util.Locale;

/** The file formats sops writes, chosen as sops chooses them: by file name. */
public enum SopsFormat {
    YAML, JSON, DOTENV, INI, BINARY;

    /** {@code .yaml}/{@code .yml}, {@code .json}, {@code .env}, {@code .ini}; anything else is binary. */
    public static SopsFormat forFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".env")) {
            return DOTENV;
        }
        if (name.endsWith(".ini")) {
            return INI;
        }
        return BINARY;
    }
}
