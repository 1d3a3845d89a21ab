package org.cim2pq.ops.setup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The Cassandra driver's and plugin's log, in a file instead of the terminal: they log every reconnection
 * attempt with a stack trace, while the command line owes the user one line. Set up only by commands that use
 * Cassandra, so the embedded journal's commands create no such file.
 */
final class DriverLog {

    static final String FILE = "cassandra-driver.log";

    static final List<String> LOGGERS = List.of("com.datastax.oss.driver", "org.apache.pekko.persistence.cassandra",
            "org.apache.pekko.stream.connectors.cassandra");

    private static Path current;

    private DriverLog() {}

    static synchronized void to(Path file) {
        if (file.equals(current) || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("cassandra-driver");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        for (String name : LOGGERS) {
            Logger logger = context.getLogger(name);
            logger.detachAndStopAllAppenders();
            logger.addAppender(appender);
            logger.setAdditive(false);
            logger.setLevel(Level.INFO);
        }
        current = file;
    }
}
