package fr.passerelle.platform.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Writes of the current transaction whose outcome nobody reads (derived state, feed entries,
 * shares, outbox, audit record…), sent together: the driver sends the statements of one prepared
 * statement in a single round trip and the server runs them in order, so a write of one event
 * pays one round trip for all of them instead of one each. They stay in the transaction: the
 * writer flushes them before it returns, and whatever is still pending is flushed before the
 * transaction commits; a rollback drops them.
 * <p>
 * Only writes may be deferred, and nothing of the transaction may read what they write before
 * they are flushed.
 */
@ApplicationScoped
public class DeferredWrites {

    /** The parameters of a deferred statement, in order; arrays are made on the connection that runs it. */
    @FunctionalInterface
    public interface Parameters {
        List<Object> of(Connection connection) throws SQLException;
    }

    private record Write(String sql, Parameters parameters) {
    }

    private static final Object KEY = DeferredWrites.class;

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;

    public DeferredWrites(DataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /** Queues a statement that returns nothing, to run after those queued before it, in the current transaction. */
    public void defer(String sql, Parameters parameters) {
        @SuppressWarnings("unchecked")
        List<Write> pending = (List<Write>) transactions.getResource(KEY);
        if (pending == null) {
            List<Write> queue = new ArrayList<>();
            transactions.putResource(KEY, queue);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    send(queue);
                }

                @Override
                public void afterCompletion(int status) {
                    queue.clear();
                }
            });
            pending = queue;
        }
        pending.add(new Write(sql, parameters));
    }

    /** Sends the statements queued in the current transaction, in one round trip. */
    public void flush() {
        @SuppressWarnings("unchecked")
        List<Write> pending = (List<Write>) transactions.getResource(KEY);
        if (pending != null) {
            send(pending);
        }
    }

    private void send(List<Write> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<Write> writes = List.copyOf(pending);
        pending.clear();
        String sql = writes.stream().map(Write::sql).collect(Collectors.joining(";\n"));
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Write write : writes) {
                for (Object parameter : write.parameters().of(connection)) {
                    statement.setObject(index++, parameter);
                }
            }
            statement.execute();
            // Every statement's result is read, so that a failure of any of them is raised here.
            while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                // next result
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("write the derived data", e);
        }
    }
}
