package io.runvault.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MlflowRequestTest {

    @Test
    void integersMayBeJsonStringsAsProtobufWritesThem() {
        MlflowRequest request = MlflowRequest.ofBody("{\"start_time\": \"1700000000000\", \"step\": 3, \"extra\": {}}");
        assertEquals(1700000000000L, request.longValue("start_time"));
        assertEquals(3L, request.longValue("step"));
        assertNull(request.longValue("end_time"));
        assertThrows(MlflowException.class, () -> MlflowRequest.ofBody("{\"step\": \"three\"}").longValue("step"));
        assertThrows(MlflowException.class, () -> MlflowRequest.ofBody("{\"step\": 1.5}").longValue("step"));
    }

    @Test
    void doublesTakeProtobufsNamesForNonFiniteValues() {
        assertEquals(Double.NaN, MlflowRequest.ofBody("{\"value\": \"NaN\"}").requiredDouble("value"));
        assertEquals(Double.NEGATIVE_INFINITY, MlflowRequest.ofBody("{\"value\": \"-Infinity\"}").requiredDouble("value"));
        assertEquals(0.25, MlflowRequest.ofBody("{\"value\": \"0.25\"}").requiredDouble("value"));
        assertThrows(MlflowException.class, () -> MlflowRequest.ofBody("{\"value\": true}").requiredDouble("value"));
        assertThrows(MlflowException.class, () -> MlflowRequest.ofBody("{}").requiredDouble("value"));
    }

    @Test
    void bodiesThatAreNotJsonObjectsAreBadRequests() {
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(MlflowException.class, () -> MlflowRequest.ofBody("{\"a\": ")).code());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(MlflowException.class, () -> MlflowRequest.ofBody("[1]")).code());
        assertEquals(0, MlflowRequest.ofBody("").texts("experiment_ids").size());
    }

    @Test
    void requiredTextAcceptsTheOldNameOfAField() {
        assertEquals("abc", MlflowRequest.ofBody("{\"run_uuid\": \"abc\"}").requiredText("run_id", "run_uuid"));
        assertEquals("new", MlflowRequest.ofBody("{\"run_id\": \"new\", \"run_uuid\": \"old\"}").requiredText("run_id", "run_uuid"));
        assertThrows(MlflowException.class, () -> MlflowRequest.ofBody("{}").requiredText("run_id", "run_uuid"));
    }
}
