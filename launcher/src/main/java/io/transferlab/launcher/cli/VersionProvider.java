package io.transferlab.launcher.cli;

import io.transferlab.launcher.LauncherException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version Maven filtered into {@code transferlab-version.properties} at build time. */
public class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/transferlab-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"TransferLab " + version()};
    }

    /** The project version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LauncherException(RESOURCE + " is missing from the launcher jar: rebuild it with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return properties.getProperty("version");
    }
}
