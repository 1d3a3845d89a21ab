package org.cim2pq.sim.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one IDX file (the MNIST / Fashion-MNIST format), gzip'd or plain: a big-endian header of magic
 * {@code 0x00 0x00 0x08 ndim} (unsigned bytes), then {@code ndim} 32-bit dimension sizes, then the data. Only
 * unsigned-byte payloads occur in these data sets, so only those are accepted.
 */
final class IdxFile {

    private IdxFile() {
    }

    /** The dimension sizes and the payload of an IDX file whose rank must be {@code expectedRank}. */
    record Contents(int[] dims, byte[] data) {}

    static Contents read(Path file, int expectedRank) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("missing data file " + file);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(maybeGunzip(raw, file))) {
            int magic = in.readInt();
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != 0x08 || rank != expectedRank) {
                throw new DatasetException(String.format("%s: not an IDX file of unsigned bytes with rank %d "
                        + "(magic 0x%08x)", file, expectedRank, magic));
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] <= 0) {
                    throw new DatasetException(file + ": dimension " + i + " has size " + dims[i]);
                }
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new DatasetException(file + ": " + total + " bytes is too large");
            }
            byte[] data = new byte[(int) total];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new DatasetException(file + ": truncated, header promises " + total + " data bytes");
            }
            if (in.read() != -1) {
                throw new DatasetException(file + ": trailing bytes after the " + total + " data bytes the header "
                        + "promises");
            }
            return new Contents(dims, data);
        } catch (EOFException e) {
            throw new DatasetException(file + ": truncated (ends inside the header or the gzip stream)", e);
        } catch (ZipException e) {
            throw new DatasetException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Gzip is recognised by its magic bytes, not by the file name, so an uncompressed copy also reads. */
    private static InputStream maybeGunzip(InputStream in, Path file) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }
}
