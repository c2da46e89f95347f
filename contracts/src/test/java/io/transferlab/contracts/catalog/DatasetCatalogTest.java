package io.transferlab.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.contracts.model.ArchitectureSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

    private final DatasetCatalog catalog = DatasetCatalog.STANDARD;

    @Test
    void namesTheBuiltInDatasetsThenFolder() {
        assertThat(catalog.names()).containsExactly("fashion-mnist", "mnist", "cifar10", "cifar100", "folder");
        assertThat(catalog.known("folder")).isTrue();
        assertThat(catalog.known("imagenet")).isFalse();
        assertThat(catalog.known("MNIST")).as("names are exact").isFalse();
        assertThat(catalog.builtIn("folder")).isEmpty();
    }

    @Test
    void classListsAndArchitecturesFitEachDataset() {
        assertThat(catalog.builtIn("fashion-mnist").orElseThrow().classCount()).isEqualTo(10);
        assertThat(catalog.classNames("fashion-mnist"))
                .startsWith("T-shirt/top", "Trouser")
                .endsWith("Ankle boot");
        assertThat(catalog.classNames("mnist")).hasSize(10);
        assertThat(catalog.classNames("cifar10")).hasSize(10).contains("airplane", "truck");
        assertThat(catalog.classNames("cifar100")).hasSize(100).doesNotHaveDuplicates();
        assertThat(catalog.classNames("folder")).isEmpty();
        assertThat(catalog.defaultArchitecture("mnist")).contains(ArchitectureSpec.GRAY28);
        assertThat(catalog.defaultArchitecture("cifar100")).contains(ArchitectureSpec.COLOR32);
        assertThat(catalog.defaultArchitecture("folder")).isEmpty();
    }

    @Test
    void architecturesCarryTheirInputShapes() {
        assertThat(catalog.architectures()).containsExactly(ArchitectureSpec.GRAY28, ArchitectureSpec.COLOR32);
        assertThat(catalog.architecture(ArchitectureSpec.GRAY28).orElseThrow().input())
                .isEqualTo(new ImageShape(1, 28, 28));
        assertThat(catalog.architecture(ArchitectureSpec.COLOR32).orElseThrow().input())
                .isEqualTo(new ImageShape(3, 32, 32));
        assertThat(catalog.architecture("tl8-gray64")).isEmpty();
        assertThat(catalog.architectureFor(1)).isEqualTo(ArchitectureSpec.GRAY28);
        assertThat(catalog.architectureFor(3)).isEqualTo(ArchitectureSpec.COLOR32);
        assertThat(DatasetCatalog.LAYERS).isEqualTo(8);
    }

    @Test
    void theDissimilarSplitOfFashionMnistIsUpperBodyClothesAgainstTheRest() {
        ClassSplit dissimilar = catalog.splitPresets("fashion-mnist").get(DatasetCatalog.DISSIMILAR);
        assertThat(dissimilar.classesA()).containsExactly(0, 2, 3, 4, 6);
        assertThat(dissimilar.classesB()).containsExactly(1, 5, 7, 8, 9);
        assertThat(dissimilar.classesA().stream().map(catalog.classNames("fashion-mnist")::get))
                .containsExactly("T-shirt/top", "Pullover", "Dress", "Coat", "Shirt");
    }

    @Test
    void cifar100SplitsManMadeAgainstNaturalBothWays() {
        Map<String, ClassSplit> presets = catalog.splitPresets("cifar100");
        assertThat(presets.keySet()).containsExactly("dissimilar", "man-made-vs-natural", "natural-vs-man-made");
        ClassSplit manMade = presets.get("dissimilar");
        assertThat(manMade.classesA()).hasSize(30).isEqualTo(Cifar100Classes.manMadeClasses());
        assertThat(manMade.classesB()).hasSize(70);
        assertThat(presets.get("man-made-vs-natural")).isEqualTo(manMade);
        assertThat(presets.get("natural-vs-man-made")).isEqualTo(manMade.swapped());
        assertThat(catalog.splitPresets("mnist")).isEmpty();
        assertThat(catalog.splitPresets("folder")).isEmpty();
    }

    @Test
    void everyPresetSplitLiesWithinItsDatasetsClasses() {
        for (String name : catalog.names()) {
            catalog.builtIn(name)
                    .ifPresent(d -> d.splitPresets().values().forEach(split -> {
                        assertThat(split.classesA()).allMatch(c -> c < d.classCount());
                        assertThat(split.classesB()).allMatch(c -> c < d.classCount());
                    }));
        }
    }

    @Test
    void aSplitIsSortedDisjointAndNonEmpty() {
        assertThatThrownBy(() -> new ClassSplit(List.of(1, 0), List.of(2))).hasMessageContaining("sorted");
        assertThatThrownBy(() -> new ClassSplit(List.of(0, 1), List.of(1, 2))).hasMessageContaining("disjoint");
        assertThatThrownBy(() -> new ClassSplit(List.of(), List.of(2))).hasMessageContaining("need classes");
        assertThatThrownBy(() -> new DatasetEntry(
                        "two",
                        List.of("a", "b"),
                        ArchitectureSpec.GRAY28,
                        Map.of("x", new ClassSplit(List.of(0), List.of(2)))))
                .hasMessageContaining("beyond 0..1");
    }
}
