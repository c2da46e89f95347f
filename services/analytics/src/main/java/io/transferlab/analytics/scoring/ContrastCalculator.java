package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Half;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares one paired effect between two experiments, per direction and pooled, at every layer cut both
 * have: the question "does transfer fall faster on a dissimilar split than on random splits?" is the
 * transfer gap (or specificity) of one experiment minus the other's.
 */
public final class ContrastCalculator {
    private final ScoreCalculator calculator;
    private final IntervalEstimator estimator;

    public ContrastCalculator(ScoringOptions options) {
        this.calculator = new ScoreCalculator(options);
        this.estimator = new IntervalEstimator(options);
    }

    public List<ExperimentContrast> compare(Effect effect, Networks reference, Networks treatment) {
        List<ExperimentContrast> rows = new ArrayList<>();
        for (Scope scope : Scope.ALL) {
            TreeSet<Integer> cuts = new TreeSet<>();
            reference.networks().stream().filter(r -> r.arm() == effect.arm()).forEach(r -> cuts.add(r.n()));
            for (int n : cuts) {
                double[] ref = calculator.replicateValues(effect, scope, n, reference.networks(), reference.studied());
                double[] treat =
                        calculator.replicateValues(effect, scope, n, treatment.networks(), treatment.studied());
                if (ref.length > 0 && treat.length > 0) {
                    rows.add(new ExperimentContrast(
                            scope.wireName(),
                            n,
                            estimator.estimate(ref),
                            estimator.estimate(treat),
                            estimator.difference(treat, ref)));
                }
            }
        }
        return rows;
    }

    /** The networks of one experiment and the target halves it studies. */
    public record Networks(Collection<NetworkResult> networks, Set<Half> studied) {
        public Networks {
            networks = List.copyOf(networks);
            studied = Set.copyOf(studied);
        }
    }
}
