package io.steppewire.ingest.bench;

import io.steppewire.ingest.segmenter.PageSegmenter;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link SegmenterBenchmark} and prints throughput as MB/s and pages/s, single-threaded.
 * Not a test. Run it with:
 * {@code ./mvnw -B -q -pl ingest-service -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.steppewire.ingest.bench.SegmenterThroughput}
 */
public final class SegmenterThroughput {

    public static void main(String[] args) throws Exception {
        List<String> pages = SegmenterBenchmark.corpus();
        long bytes = pages.stream().mapToLong(p -> p.getBytes(StandardCharsets.UTF_8).length).sum();
        // exec:java hides the class path from a forked JVM, so JMH measures in this one (forks 0).
        Options options = new OptionsBuilder()
                .include(SegmenterBenchmark.class.getName())
                .forks(0)
                .threads(1)
                .warmupIterations(5).warmupTime(TimeValue.seconds(3))
                .measurementIterations(5).measurementTime(TimeValue.seconds(3))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.printf(Locale.ROOT, "%nCorpus: %d pages, %.3f MB (UTF-8)%n", pages.size(), bytes / 1e6);
        for (RunResult result : results) {
            double corpusPerSecond = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            System.out.printf(Locale.ROOT, "%-20s %8.1f MB/s  %10.0f pages/s  (mean of 5 iterations ±%.1f%%, 1 thread)%n",
                    name, corpusPerSecond * bytes / 1e6, corpusPerSecond * pages.size(),
                    Double.isNaN(error) ? 0 : 100 * error / corpusPerSecond);
            // The least disturbed iteration is the closest a shared machine gets to one free core.
            double best = result.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(i -> i.getPrimaryResult().getScore()).max().orElse(corpusPerSecond);
            System.out.printf(Locale.ROOT, "%-20s %8.1f MB/s  %10.0f pages/s  (best iteration)%n",
                    name, best * bytes / 1e6, best * pages.size());
        }
        // On a shared machine wall-clock figures mostly measure the neighbours; CPU time of this thread does not.
        System.out.printf(Locale.ROOT, "%-20s %8.1f MB per CPU-second of the benchmark thread (10 s loop)%n",
                "segmentCorpus", megabytesPerCpuSecond(pages, bytes));
        System.out.printf(Locale.ROOT, "Load average while measuring: %.1f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static double megabytesPerCpuSecond(List<String> pages, long bytes) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PageSegmenter segmenter = new PageSegmenter();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long rounds = 0;
        long lines = 0;
        while (System.nanoTime() - wallStart < 10_000_000_000L) {
            for (String page : pages) {
                lines += segmenter.segment(page).lines().size();
            }
            rounds++;
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return lines > 0 ? rounds * bytes / 1e6 / cpuSeconds : 0;
    }

    private SegmenterThroughput() {
    }
}
