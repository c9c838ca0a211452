package io.steppewire.localstack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The stack's Java processes found in {@code /proc} by their command lines, with the CPU time and resident memory the
 * kernel counts for each: the local stack's own process (broker and store) and the four services.
 */
final class StackProcesses {

    /** Kernel clock ticks per second, in which {@code /proc/<pid>/stat} counts CPU time (100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;
    static final String STACK = "local-stack (broker, store)";
    private static final List<String> NAMES = List.of("ingest-service", "rates-service", "article-service", "notify-service");

    /** CPU seconds (user and system) and resident set in MB of one process at one moment. */
    record Sample(double cpuSeconds, long residentMb) {
    }

    private final Map<String, Long> pids;

    private StackProcesses(Map<String, Long> pids) {
        this.pids = pids;
    }

    /**
     * The processes of the stack that keeps its data in {@code dataDir}: the local stack's own process (its command line
     * runs a {@code local-stack-*.jar}, its data directory is {@code dataDir}) and its children, named by the service
     * their command line runs; several instances of a service are named {@code notify-service#2} and so on. Other
     * JVMs that mention a service (another checkout's stack, a test run) are not the stack's children.
     */
    static StackProcesses find(Path dataDir) {
        Path wanted = dataDir.toAbsolutePath().normalize();
        List<Long> stacks = javaProcesses().stream().filter(pid -> {
            String command = commandLine(pid);
            return command.contains("local-stack-") && command.contains(".jar") && stackDataDir(pid, command).equals(wanted);
        }).toList();
        if (stacks.size() != 1) {
            throw new IllegalStateException(stacks.size() + " local stacks keep their data in " + wanted
                    + " (set -Dbench.data-dir to the stack's data directory)");
        }
        long stack = stacks.getFirst();
        Map<String, Long> found = new LinkedHashMap<>();
        found.put(STACK, stack);
        for (long pid : javaProcesses()) {
            if (parent(pid) != stack) {
                continue;
            }
            String command = commandLine(pid);
            String name = NAMES.stream().filter(command::contains).findFirst().orElse("other child " + pid);
            String unique = name;
            for (int n = 2; found.containsKey(unique); n++) {
                unique = name + "#" + n;
            }
            found.put(unique, pid);
        }
        return new StackProcesses(found);
    }

    /** The stack's {@code --data-dir=}, else {@code data} in its working directory (as {@code local-stack/start} defaults). */
    private static Path stackDataDir(long pid, String command) {
        try {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
            for (String arg : command.split(" ")) {
                if (arg.startsWith("--data-dir=")) {
                    return cwd.resolve(arg.substring("--data-dir=".length())).normalize();
                }
            }
            return cwd.resolve("data").normalize();
        } catch (IOException gone) {
            return Path.of("/nonexistent");
        }
    }

    private static List<Long> javaProcesses() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.matches("\\d+")).map(Long::parseLong)
                    .filter(pid -> pid != ProcessHandle.current().pid() && commandLine(pid).contains("java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long parent(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }

    Map<String, Long> pids() {
        return pids;
    }

    /** Every process's sample now; a process that has gone is left out. */
    Map<String, Sample> sample() {
        Map<String, Sample> samples = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
                // Fields after the command name in parentheses, which may itself hold spaces: utime and stime are the 14th and 15th.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                long residentKb = Files.readAllLines(Path.of("/proc", pid.toString(), "status")).stream()
                        .filter(line -> line.startsWith("VmRSS:")).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
                samples.put(name, new Sample(cpu, residentKb / 1024));
            } catch (IOException gone) {
                // The process ended between finding it and sampling it: nothing to count.
            }
        });
        return samples;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** The bytes of every file under {@code directory} (0 when it does not exist). */
    static long sizeOf(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
