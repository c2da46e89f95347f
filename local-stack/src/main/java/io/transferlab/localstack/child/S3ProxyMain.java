package io.transferlab.localstack.child;

/** Main class of the S3Proxy child JVM: the parent watchdog, then {@code org.gaul.s3proxy.Main}. */
public final class S3ProxyMain {

    private S3ProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatchdog.startIfRequested();
        org.gaul.s3proxy.Main.main(args);
    }
}
