package io.transferlab.launcher.cli;

import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.client.Downloader;
import io.transferlab.launcher.client.Downloader.RemoteFile;
import io.transferlab.launcher.client.FashionMnist;
import io.transferlab.launcher.render.DownloadProgress;
import io.transferlab.launcher.stack.Preflight;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo's dataset: Fashion-MNIST from the data folder (Debian's {@code dataset-fashion-mnist}), else from
 * the user's cache, else downloaded into it with a progress bar. Without a network the error says how to
 * install it by hand.
 */
final class DemoDataset {

    private DemoDataset() {}

    /** A dataset root holding {@code fashion-mnist/}, for the trainer's data folder. */
    static Path provide(
            Path dataDir,
            Path cache,
            List<RemoteFile> files,
            Downloader downloader,
            PrintStream err,
            boolean terminal) {
        if (!FashionMnist.presentIn(dataDir, files)) {
            err.println("transferlab: Fashion-MNIST is not in " + dataDir.resolve(FashionMnist.FOLDER)
                    + "; using the copy in "
                    + cache.resolve("datasets").resolve(FashionMnist.FOLDER) + " (downloaded from "
                    + files.get(0).uri().resolve(".")
                    + " if missing, SHA-256 checked)");
        }
        DownloadProgress bar = new DownloadProgress(err, terminal);
        try {
            return FashionMnist.ensure(
                    dataDir, cache, files, downloader, (file, bytes) -> bar.update(file.name(), bytes, file.size()));
        } catch (Downloader.UnreachableException e) {
            try {
                Preflight.requireFashionMnist(dataDir);
            } catch (LauncherException missing) {
                throw new LauncherException(missing.getMessage() + ". The download failed too: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** With the real cache, source and timeouts. */
    static Path provide(Path dataDir, PrintStream err, boolean terminal) {
        return provide(
                dataDir,
                FashionMnist.defaultCache(),
                FashionMnist.upstreamFiles(FashionMnist.source()),
                new Downloader(Duration.ofMinutes(30)),
                err,
                terminal);
    }
}
