package io.transferlab.localstack;

/**
 * A real S3-compatible server (AWS signature V2 and V4, path-style requests). {@link #builder()}
 * starts S3Proxy as a child process; {@link LocalStack#s3()} shares one per JVM.
 */
public interface S3Server extends AutoCloseable {

    /** Default bucket of TransferLab ({@code transferlab.s3.bucket}). */
    String DEFAULT_BUCKET = "transferlab";

    /** Region the server accepts in V4 signatures. */
    String REGION = "us-east-1";

    /** {@code http://127.0.0.1:<port>}. */
    String endpoint();

    String accessKey();

    String secretKey();

    /** Creates the bucket if it does not exist yet. */
    void createBucket(String bucket);

    /** Stops gracefully. Idempotent. */
    void stop();

    /** Kills without warning (SIGKILL). */
    void kill();

    /** Starts again after {@link #stop()} or {@link #kill()} (or stops first if running): same port, same data. */
    void restart();

    boolean isRunning();

    default long pid() {
        return -1;
    }

    @Override
    default void close() {
        stop();
    }

    static S3ProxyProcess.Builder builder() {
        return S3ProxyProcess.builder();
    }

    /** Starts S3Proxy as a child process on a free port with a filesystem store in a fresh temporary directory. */
    static S3Server start() {
        return builder().start();
    }
}
