package org.cim2pq.persistence.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which process holds a lock on a file, from Linux's {@code /proc/locks} (inode match); -1 where it cannot tell. */
final class LockTable {

    private static final Path LOCKS = Path.of("/proc/locks");

    private LockTable() {}

    static long holder(Path file) {
        try {
            Object inode = Files.getAttribute(file, "unix:ino");
            for (String line : Files.readAllLines(LOCKS)) {
                // "1: POSIX  ADVISORY  WRITE 12345 08:01:1234567 0 EOF"
                String[] f = line.trim().split("\\s+");
                if (f.length >= 6 && f[5].endsWith(":" + inode) && !f[4].equals("-1")) {
                    return Long.parseLong(f[4]);
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // not Linux, or no such attribute: the holder stays unnamed
        }
        return -1;
    }

    /** How a process presents itself: its command line, shortened to the cim2pq command when it is one. */
    static String describe(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').strip();
            int main = cmdline.indexOf("org.cim2pq.ops.cli.Cim2pq ");
            return main >= 0 ? "cim2pq " + cmdline.substring(main + "org.cim2pq.ops.cli.Cim2pq ".length()) : cmdline;
        } catch (IOException e) {
            return "";
        }
    }
}
