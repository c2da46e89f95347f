package io.transferlab.localstack.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.transferlab.localstack.LocalStack;
import io.transferlab.localstack.S3Server;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real S3 server and makes sure the bucket exists.
 * Init arg {@code bucket} picks another bucket than {@value S3Server#DEFAULT_BUCKET}.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    private String bucket = S3Server.DEFAULT_BUCKET;

    @Override
    public void init(Map<String, String> initArgs) {
        bucket = initArgs.getOrDefault("bucket", S3Server.DEFAULT_BUCKET);
    }

    @Override
    public Map<String, String> start() {
        S3Server s3 = LocalStack.s3();
        s3.createBucket(bucket);
        return Map.of(
                "transferlab.s3.endpoint", s3.endpoint(),
                "transferlab.s3.access-key", s3.accessKey(),
                "transferlab.s3.secret-key", s3.secretKey(),
                "transferlab.s3.bucket", bucket);
    }

    @Override
    public void stop() {
        // shared per JVM: LocalStack stops it at exit
    }
}
