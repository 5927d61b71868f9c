package io.runvault.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.database.Durability;
import io.runvault.training.TrainingStoppedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The execution frame's transitions: started, one outcome, ended; the kind's hooks in their places. */
class JobExecutionTest {

    private final List<String> events = new ArrayList<>();
    private final JobEntity job = new JobEntity("j1", "test", "default", "{}", 3, "alice", Instant.EPOCH);
    private JobExecution frame;

    @BeforeEach
    void frame() {
        frame = new JobExecution();
        frame.jobs = new JobService() {
            @Override
            public JobEntity started(String id, long executionId) {
                events.add("started " + executionId);
                return job;
            }

            @Override
            public void finished(String id, JobState outcome, String runId, String failure) {
                events.add(outcome.wire() + " " + runId + " " + failure);
            }
        };
        frame.log = new JobLog() {
            @Override
            public synchronized void append(String jobId, String line) {
                events.add("log " + line);
            }
        };
        frame.liveJobs = new LiveJobs();
        frame.durability = new Durability() {
            @Override
            public void flushCommitted() {
                events.add("flush");
            }
        };
    }

    @Test
    void completedRecordsTheRunAfterTheKindsHook() throws Exception {
        JobExecution.Work work = new JobExecution.Work() {
            @Override
            public String perform(JobEntity job, JobProgress progress) {
                assertSame(frame.progress("j1"), progress, "the work sees the job's live progress");
                return "r1";
            }

            @Override
            public String startNote(JobEntity job) {
                return ", resuming";
            }

            @Override
            public void committed(JobEntity job, String runId) {
                events.add("hook " + runId);
            }
        };
        assertEquals("COMPLETED", frame.execute("j1", 7, work));
        assertEquals(List.of("started 7", "log execution 7 started, resuming", "log committed run r1", "hook r1",
                "completed r1 null", "flush"), events);
        assertNull(frame.progress("j1"), "the live progress ends with the execution");
    }

    @Test
    void aStoppedTrainingReadsAsTheKindSays() throws Exception {
        JobExecution.Work work = new JobExecution.Work() {
            @Override
            public String perform(JobEntity job, JobProgress progress) {
                throw new TrainingStoppedException(2);
            }

            @Override
            public JobExecution.Stop stopped(JobEntity job) {
                return new JobExecution.Stop("stopped after 2", "on request after 2");
            }
        };
        assertEquals("STOPPED", frame.execute("j1", 1, work));
        assertEquals(List.of("started 1", "log execution 1 started", "log stopped after 2",
                "stopped null on request after 2", "flush"), events);
    }

    @Test
    void aStopFlagSeenBetweenBatchesStopsWithTheDefaultReading() throws Exception {
        assertEquals("STOPPED", frame.execute("j1", 1, (job, progress) -> {
            throw new JobExecution.Stopped();
        }));
        assertEquals("stopped null stopped on request", events.get(events.size() - 2));
    }

    @Test
    void aFailureIsRecordedWithItsReasonAndRethrown() {
        List<String> cleaned = new ArrayList<>();
        JobExecution.Work work = new JobExecution.Work() {
            @Override
            public String perform(JobEntity job, JobProgress progress) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void failed(JobEntity job) {
                cleaned.add(job.id());
            }
        };
        assertThrows(IllegalStateException.class, () -> frame.execute("j1", 1, work));
        assertEquals(List.of("j1"), cleaned);
        assertEquals(List.of("started 1", "log execution 1 started", "log failed: IllegalStateException: boom",
                "failed null IllegalStateException: boom", "flush"), events);
        assertNull(frame.progress("j1"));
    }
}
