package io.transferlab.trainer.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeighedCacheTest {

    @Test
    void keepsValuesUpToItsWeightDroppingTheLeastRecentlyUsedAndNeverOneTooHeavy() {
        WeighedCache<String, String> cache = new WeighedCache<>(10, String::length);
        cache.put("a", "aaaa");
        cache.put("b", "bbbb");
        assertThat(cache.get("a")).contains("aaaa"); // a is now the most recently used
        cache.put("c", "cccc"); // 12 > 10: b, the least recently used, goes

        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).contains("aaaa");
        assertThat(cache.get("c")).contains("cccc");

        cache.put("a", "another"); // one is kept already: not replaced
        assertThat(cache.get("a")).contains("aaaa");
        cache.put("huge", "x".repeat(11));
        assertThat(cache.get("huge")).isEmpty();
        assertThat(cache.size()).isEqualTo(2);
    }
}
