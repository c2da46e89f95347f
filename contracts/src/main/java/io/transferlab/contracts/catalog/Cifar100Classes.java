package io.transferlab.contracts.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CIFAR-100 class table: the 100 fine classes and 20 superclasses in the label order of the
 * official files (alphabetical, as in {@code fine_label_names.txt} and {@code coarse_label_names.txt}),
 * and which superclass each fine class belongs to (from the dataset's web page). A dataset reader checks
 * every record's coarse label against this table, which catches shifted or corrupt records.
 *
 * <p>Natural vs man-made, by superclass. Man-made (6 superclasses, 30 classes): food containers,
 * household electrical devices, household furniture, large man-made outdoor things, vehicles 1,
 * vehicles 2. Natural (14 superclasses, 70 classes): aquatic mammals, fish, flowers, fruit and
 * vegetables, insects, large carnivores, large natural outdoor scenes, large omnivores and
 * herbivores, medium-sized mammals, non-insect invertebrates, people, reptiles, small mammals, trees.
 * The halves are unequal, as in the paper's ImageNet split (551 man-made vs 449 natural): every
 * superclass is wholly natural or wholly man-made, and moving a natural superclass across to even out
 * the sizes would make the split less dissimilar, which is its purpose.
 */
public final class Cifar100Classes {

    public static final List<String> FINE_NAMES = List.of(
            "apple",
            "aquarium_fish",
            "baby",
            "bear",
            "beaver",
            "bed",
            "bee",
            "beetle",
            "bicycle",
            "bottle",
            "bowl",
            "boy",
            "bridge",
            "bus",
            "butterfly",
            "camel",
            "can",
            "castle",
            "caterpillar",
            "cattle",
            "chair",
            "chimpanzee",
            "clock",
            "cloud",
            "cockroach",
            "couch",
            "crab",
            "crocodile",
            "cup",
            "dinosaur",
            "dolphin",
            "elephant",
            "flatfish",
            "forest",
            "fox",
            "girl",
            "hamster",
            "house",
            "kangaroo",
            "keyboard",
            "lamp",
            "lawn_mower",
            "leopard",
            "lion",
            "lizard",
            "lobster",
            "man",
            "maple_tree",
            "motorcycle",
            "mountain",
            "mouse",
            "mushroom",
            "oak_tree",
            "orange",
            "orchid",
            "otter",
            "palm_tree",
            "pear",
            "pickup_truck",
            "pine_tree",
            "plain",
            "plate",
            "poppy",
            "porcupine",
            "possum",
            "rabbit",
            "raccoon",
            "ray",
            "road",
            "rocket",
            "rose",
            "sea",
            "seal",
            "shark",
            "shrew",
            "skunk",
            "skyscraper",
            "snail",
            "snake",
            "spider",
            "squirrel",
            "streetcar",
            "sunflower",
            "sweet_pepper",
            "table",
            "tank",
            "telephone",
            "television",
            "tiger",
            "tractor",
            "train",
            "trout",
            "tulip",
            "turtle",
            "wardrobe",
            "whale",
            "willow_tree",
            "wolf",
            "woman",
            "worm");

    public static final List<String> COARSE_NAMES = List.of(
            "aquatic_mammals",
            "fish",
            "flowers",
            "food_containers",
            "fruit_and_vegetables",
            "household_electrical_devices",
            "household_furniture",
            "insects",
            "large_carnivores",
            "large_man-made_outdoor_things",
            "large_natural_outdoor_scenes",
            "large_omnivores_and_herbivores",
            "medium_mammals",
            "non-insect_invertebrates",
            "people",
            "reptiles",
            "small_mammals",
            "trees",
            "vehicles_1",
            "vehicles_2");

    /** Members of each superclass, in {@link #COARSE_NAMES} order. */
    private static final List<List<String>> MEMBERS = List.of(
            List.of("beaver", "dolphin", "otter", "seal", "whale"),
            List.of("aquarium_fish", "flatfish", "ray", "shark", "trout"),
            List.of("orchid", "poppy", "rose", "sunflower", "tulip"),
            List.of("bottle", "bowl", "can", "cup", "plate"),
            List.of("apple", "mushroom", "orange", "pear", "sweet_pepper"),
            List.of("clock", "keyboard", "lamp", "telephone", "television"),
            List.of("bed", "chair", "couch", "table", "wardrobe"),
            List.of("bee", "beetle", "butterfly", "caterpillar", "cockroach"),
            List.of("bear", "leopard", "lion", "tiger", "wolf"),
            List.of("bridge", "castle", "house", "road", "skyscraper"),
            List.of("cloud", "forest", "mountain", "plain", "sea"),
            List.of("camel", "cattle", "chimpanzee", "elephant", "kangaroo"),
            List.of("fox", "porcupine", "possum", "raccoon", "skunk"),
            List.of("crab", "lobster", "snail", "spider", "worm"),
            List.of("baby", "boy", "girl", "man", "woman"),
            List.of("crocodile", "dinosaur", "lizard", "snake", "turtle"),
            List.of("hamster", "mouse", "rabbit", "shrew", "squirrel"),
            List.of("maple_tree", "oak_tree", "palm_tree", "pine_tree", "willow_tree"),
            List.of("bicycle", "bus", "motorcycle", "pickup_truck", "train"),
            List.of("lawn_mower", "rocket", "streetcar", "tank", "tractor"));

    /** Superclasses of man-made things; every other superclass is natural. */
    public static final Set<String> MAN_MADE_SUPERCLASSES = Set.of(
            "food_containers",
            "household_electrical_devices",
            "household_furniture",
            "large_man-made_outdoor_things",
            "vehicles_1",
            "vehicles_2");

    private static final int[] COARSE_OF_FINE = buildCoarseOfFine();

    private Cifar100Classes() {}

    /** The superclass (coarse label) of a fine class. */
    public static int coarseOf(int fineClass) {
        return COARSE_OF_FINE[fineClass];
    }

    /** Fine classes whose superclass is man-made, sorted. */
    public static List<Integer> manMadeClasses() {
        return classes(true);
    }

    /** Fine classes whose superclass is natural, sorted. */
    public static List<Integer> naturalClasses() {
        return classes(false);
    }

    private static List<Integer> classes(boolean manMade) {
        List<Integer> result = new ArrayList<>();
        for (int fine = 0; fine < FINE_NAMES.size(); fine++) {
            if (MAN_MADE_SUPERCLASSES.contains(COARSE_NAMES.get(COARSE_OF_FINE[fine])) == manMade) {
                result.add(fine);
            }
        }
        return List.copyOf(result);
    }

    private static int[] buildCoarseOfFine() {
        int[] table = new int[FINE_NAMES.size()];
        java.util.Arrays.fill(table, -1);
        for (int coarse = 0; coarse < MEMBERS.size(); coarse++) {
            for (String member : MEMBERS.get(coarse)) {
                int fine = FINE_NAMES.indexOf(member);
                if (fine < 0 || table[fine] >= 0) {
                    throw new IllegalStateException("CIFAR-100 table is inconsistent at " + member);
                }
                table[fine] = coarse;
            }
        }
        for (int fine = 0; fine < table.length; fine++) {
            if (table[fine] < 0) {
                throw new IllegalStateException("CIFAR-100 class " + FINE_NAMES.get(fine) + " has no superclass");
            }
        }
        return table;
    }
}
