package io.steppewire.ingest.bench;

import io.steppewire.ingest.segmenter.PageSegmenter;
import io.steppewire.ingest.segmenter.SegmentedArticle;
import io.steppewire.ingest.segmenter.SegmentedPage;
import io.steppewire.ingest.tagging.Tagger;
import io.steppewire.ingest.taxonomy.TaxonomyReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One operation = every page of the test corpus, single-threaded. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SegmenterBenchmark {

    private final PageSegmenter segmenter = new PageSegmenter();
    private List<String> pages;
    private Tagger tagger;

    @Setup
    public void readCorpus() throws IOException, URISyntaxException {
        pages = corpus();
        try (InputStream in = SegmenterBenchmark.class.getClassLoader().getResourceAsStream("taxonomy/taxonomy.yaml")) {
            tagger = new Tagger(TaxonomyReader.read(in, "bundled"));
        }
    }

    @Benchmark
    public void segmentCorpus(Blackhole sink) {
        for (String page : pages) {
            sink.consume(segmenter.segment(page));
        }
    }

    @Benchmark
    public void segmentAndTagCorpus(Blackhole sink) {
        for (String page : pages) {
            SegmentedPage parsed = segmenter.segment(page);
            for (SegmentedArticle article : parsed.articles()) {
                sink.consume(tagger.tag(article.title(), article.paragraphs()));
            }
        }
    }

    static List<String> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(SegmenterBenchmark.class.getClassLoader().getResource("corpus").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
