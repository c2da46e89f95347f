package io.transferlab.localstack.child;

/**
 * Main class of the S3Proxy child JVM: the parent watchdog, then {@code org.gaul.s3proxy.Main}. The
 * credential comes in the environment variable {@value #CREDENTIAL_ENV}, never in the properties file on
 * disk; S3Proxy reads system properties over its file.
 */
public final class S3ProxyMain {
    public static final String CREDENTIAL_ENV = "TRANSFERLAB_S3PROXY_CREDENTIAL";

    private S3ProxyMain() {}

    public static void main(String[] args) throws Exception {
        ParentWatchdog.startIfRequested();
        String credential = System.getenv(CREDENTIAL_ENV);
        if (credential != null) {
            System.setProperty("s3proxy.credential", credential);
        }
        org.gaul.s3proxy.Main.main(args);
    }
}
