package io.runvault.ops;

import io.runvault.config.Settings;
import io.runvault.jobs.JobService;
import io.runvault.store.BlobStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Collects the facts of {@link ApplianceStatus}; the blob count walks the store's directories. */
@ApplicationScoped
public class StatusService {

    @Resource(lookup = "jdbc/runvault")
    DataSource dataSource;

    @Inject
    Settings settings;

    @Inject
    BlobStore store;

    @Inject
    JobService jobs;

    @Inject
    Clock clock;

    public ApplianceStatus status() throws IOException, SQLException {
        BuildInfo build = BuildInfo.load();
        DatabaseUrl url = databaseUrl(dataSource);
        SchemaState schema = SchemaState.read(dataSource);
        Path data = settings.dataDirectory();
        FileStore disk = Files.getFileStore(data);
        AtomicLong blobs = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        store.forEachObject(object -> {
            blobs.incrementAndGet();
            bytes.addAndGet(object.size());
        });
        long running = jobs.list("running", null, null, 500).size();
        NativeEngines natives = NativeEngines.probe();
        return new ApplianceStatus(build.version(), build.commit(), build.builtAt().orElse(null), schema.current(),
                schema.pending(), url.kind(), url.redacted(), data.toString(), disk.getUsableSpace(), disk.getTotalSpace(),
                blobs.get(), bytes.get(), running, natives.engine(), natives.engineVersion(), natives.gpuCount(),
                natives.engineError(), natives.onnxRuntimeVersion(), System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                clock.instant());
    }

    static DatabaseUrl databaseUrl(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new DatabaseUrl(connection.getMetaData().getURL());
        }
    }
}
