package org.cim2pq.ops.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.cim2pq.actors.cluster.ClusterFront;
import org.cim2pq.actors.search.SearchActor;
import org.cim2pq.ops.cluster.ClusterContact;
import org.cim2pq.ops.cluster.HostPort;
import org.cim2pq.ops.input.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cim2pq cluster status}: what a running cluster consists of and what it runs. */
@Command(name = "cluster", mixinStandardHelpOptions = true, subcommands = ClusterCommand.Status.class,
        description = "Inspect a running cluster.")
final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (status)");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Members, roles, pipelines per node, running searches with their progress.")
    static final class Status implements Callable<Integer> {

        @Option(names = "--cluster", paramLabel = "HOST:PORT", required = true, description = "Any node of the cluster.")
        String cluster;

        @Override
        public Integer call() throws Exception {
            HostPort node = HostPort.parse("--cluster", cluster);
            ClusterFront.Status status;
            try (ClusterContact contact = ClusterContact.connect(node)) {
                status = contact.<ClusterFront.Status>ask(ClusterFront.GetStatus::new, Duration.ofSeconds(10));
            } catch (TimeoutException e) {
                throw new UserError("the node at " + node + " did not answer within 10 s", e);
            }
            System.out.print(render(status));
            return 0;
        }
    }

    /** The status as a table of members, then one of running searches. */
    static String render(ClusterFront.Status status) {
        StringBuilder b = new StringBuilder();
        int w = Math.max(7, status.members().stream().mapToInt(m -> m.address().length()).max().orElse(0));
        b.append(String.format("%-" + w + "s  %-8s %-14s %9s  %s%n", "member", "status", "roles", "pipelines", "reachable"));
        for (ClusterFront.MemberStatus m : status.members()) {
            b.append(String.format("%-" + w + "s  %-8s %-14s %9d  %s%s%n", m.address(), m.status(),
                    String.join(",", m.roles()), m.pipelines(), m.reachable() ? "yes" : "NO",
                    m.address().equals(status.leader()) ? "  (leader)" : ""));
        }
        b.append(status.searches().size()).append(status.searches().size() == 1 ? " search running" : " searches running")
                .append(status.searches().isEmpty() ? "" : ":").append(System.lineSeparator());
        for (ClusterFront.SearchStatus s : status.searches()) {
            SearchActor.Progress p = s.progress();
            b.append(String.format("  %s on %s: generation %d/%d, %d/%d of this generation resolved, %d evaluations,"
                    + " %d failed, front %d, hypervolume %.4f%n", p.searchId(), s.address(), Math.max(p.generation(), 0),
                    p.generations(), p.resolvedBirths(), p.births(), p.evaluations(), p.failed(), p.frontSize(),
                    p.hypervolume()));
        }
        return b.toString();
    }
}
