package io.smc.cli;

import io.smc.secrets.DesiredState;
import io.smc.secrets.RawFileSecrets;
import io.smc.secrets.ServiceLocator;
import io.smc.secrets.ServiceProfile;
import io.smc.sops.SopsDecryptor;
import io.smc.sops.SopsException;
import io.smc.sops.SopsFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code decrypt-check}: decrypts every SOPS file of an environment with the keys given and reports each by name,
 * never a value — for CI and pre-commit hooks, so a file encrypted for the wrong recipients is caught before Flux
 * delivers it.
 */
final class DecryptCheckCommand implements Command {
    private static final List<String> FILES = List.of(RawFileSecrets.ENV_FILE, RawFileSecrets.YAML_FILE,
            RawFileSecrets.PROPERTIES_FILE);

    @Override
    public String name() {
        return "decrypt-check";
    }

    @Override
    public String summary() {
        return "decrypt every SOPS file of an environment, printing names only (exit 1 on any failure)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " decrypt-check [options]\n\n"
                + "Decrypts (in memory) every SOPS-encrypted secrets file of the environment with the keys given and\n"
                + "reports each file as ok or failed, with the reason; in kustomize mode, renders and decrypts the\n"
                + "overlay. Prints names and sizes, never values. Exit code: 0 all decrypt, 1 any failure.\n\n"
                + PipelineOptions.HELP;
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        PipelineOptions pipeline = PipelineOptions.parse(args, terminal);
        Path root = pipeline.resolveSource(terminal).root();
        if (pipeline.kustomizePath() != null) {
            DesiredState state = pipeline.readSource(root);
            if (state.problems().isEmpty()) {
                terminal.out().println("ok      " + pipeline.kustomizePath() + ": " + state.secrets().size()
                        + " secrets rendered and decrypted");
                return ExitCodes.OK;
            }
            state.problems().forEach(p -> terminal.out().println("FAILED  " + p));
            return ExitCodes.FAILURE;
        }
        SopsDecryptor decryptor = pipeline.decryption().decryptor();
        Path base = root.resolve(pipeline.settings().basePath());
        if (!Files.isDirectory(base)) {
            throw new CommandFailure("base path " + base + " is not a directory");
        }
        int encrypted = 0;
        int failed = 0;
        for (ServiceProfile service : ServiceLocator.locate(base, pipeline.settings().environment()).services()) {
            for (String name : FILES) {
                Path file = service.profileDir().resolve(name);
                byte[] content = read(file);
                SopsFormat format = SopsFormat.forFileName(name);
                if (content == null || !decryptor.isEncrypted(content, format)) {
                    continue;
                }
                encrypted++;
                String label = root.relativize(file).toString();
                try {
                    byte[] plain = decryptor.decrypt(content, format, label);
                    terminal.out().println("ok      " + label + " (" + plain.length + " bytes decrypted)");
                } catch (SopsException e) {
                    failed++;
                    terminal.out().println("FAILED  " + label + ": " + e.getMessage());
                }
            }
        }
        terminal.out().println(encrypted + " encrypted file" + (encrypted == 1 ? "" : "s") + " checked, " + failed
                + " failed.");
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static byte[] read(Path file) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
    }
}
