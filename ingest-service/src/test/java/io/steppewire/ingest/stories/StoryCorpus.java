package io.steppewire.ingest.stories;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The made-up story corpus (src/test/resources/stories/corpus.txt) and its labelled pairs: two versions of one
 * story are a near-duplicate pair; two different stories, on the same topic or not, are not. Each story's first
 * version also gives a trimmed copy (title and lede), as a wire service or a feed summary would carry it.
 */
final class StoryCorpus {

    record Version(String topic, String story, String name, String title, List<String> paragraphs) {
        String storyKey() {
            return topic + "/" + story;
        }
    }

    record Pair(Version first, Version second) {
        boolean sameStory() {
            return first.storyKey().equals(second.storyKey());
        }

        boolean sameTopic() {
            return first.topic().equals(second.topic());
        }
    }

    private StoryCorpus() {
    }

    static List<Version> versions() {
        List<Version> versions = new ArrayList<>();
        String name = null;
        List<String> lines = new ArrayList<>();
        for (String line : read().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("== ")) {
                if (name != null) {
                    versions.add(version(name, lines));
                }
                name = line.substring(3).strip();
                lines.clear();
            } else {
                lines.add(line.strip());
            }
        }
        versions.add(version(name, lines));
        List<Version> trimmed = new ArrayList<>();
        for (Version v : versions) {
            if (v.name().endsWith("/a")) {
                trimmed.add(new Version(v.topic(), v.story(), v.storyKey() + "/trimmed", v.title(),
                        v.paragraphs().subList(0, 1)));
            }
        }
        versions.addAll(trimmed);
        return versions;
    }

    static List<Pair> pairs() {
        List<Version> versions = versions();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            for (int j = i + 1; j < versions.size(); j++) {
                pairs.add(new Pair(versions.get(i), versions.get(j)));
            }
        }
        return pairs;
    }

    private static Version version(String name, List<String> lines) {
        String[] parts = name.split("/");
        return new Version(parts[0], parts[1], name, lines.getFirst(), List.copyOf(lines.subList(1, lines.size())));
    }

    private static String read() {
        try (InputStream in = StoryCorpus.class.getClassLoader().getResourceAsStream("stories/corpus.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
