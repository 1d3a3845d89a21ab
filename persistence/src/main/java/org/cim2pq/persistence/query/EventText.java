package org.cim2pq.persistence.query;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.Locale;
import org.cim2pq.persistence.event.SearchEvent;
import org.cim2pq.persistence.event.SearchEventCodec;

/**
 * Journal events as people and tools read them: a table row (from the typed event), or a JSON line (protobuf's JSON
 * mapping of the event exactly as stored).
 */
public final class EventText {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private EventText() {}

    /** The stored event's type name, e.g. {@code MutationApplied}. */
    public static String type(Object stored) {
        return stored instanceof Message m ? m.getDescriptorForType().getName() : stored.getClass().getSimpleName();
    }

    /** The generation a stored event belongs to; -1 when it has none (SearchStarted), 0 for the initial population. */
    public static int generation(Object stored) {
        return SearchEventCodec.isEvent(stored) ? SearchEventCodec.decode(stored).generation() : -1;
    }

    /** One table row: sequence number, type, generation, what it says. */
    public static String row(long sequenceNr, Object stored) {
        if (!SearchEventCodec.isEvent(stored)) {
            return String.format(Locale.ROOT, "%7d  %-21s %4s  %s", sequenceNr, type(stored), "", stored);
        }
        SearchEvent event = SearchEventCodec.decode(stored);
        int g = event.generation();
        return String.format(Locale.ROOT, "%7d  %-21s %4s  %s", sequenceNr, event.type(), g < 0 ? "" : "g" + g,
                event.summary());
    }

    /** A JSON object with the sequence number, type and the event as stored. */
    public static String json(long sequenceNr, Object stored) {
        try {
            return "{\"seq\":" + sequenceNr + ",\"type\":\"" + type(stored) + "\",\"event\":"
                    + JSON.print((Message) stored) + "}";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
