package org.cim2pq.ops.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.cim2pq.ops.input.UserError;

/** A {@code HOST:PORT} of the command line ({@code --bind}, {@code --seed-nodes}, {@code --cluster}). */
public record HostPort(String host, int port) {

    /** Parses {@code HOST:PORT}; a UserError names the option and the value. */
    public static HostPort parse(String option, String value) {
        int colon = value == null ? -1 : value.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
            if (colon <= 0 || port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            throw new UserError(option + " must be HOST:PORT, got '" + value + "'", e);
        }
        String host = value.substring(0, colon);
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UserError(option + " " + value + ": unknown host '" + host + "'", e);
        }
        return new HostPort(host, port);
    }

    /** A comma-separated list of HOST:PORT. */
    public static List<HostPort> parseList(String option, String value) {
        List<HostPort> all = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                all.add(parse(option, part.trim()));
            }
        }
        if (all.isEmpty()) {
            throw new UserError(option + " needs at least one HOST:PORT");
        }
        return all;
    }

    /** Whether the host is a loopback address (a cluster on one machine). */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
