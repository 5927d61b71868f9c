package io.runvault.ops;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** A doctor report as text, one line per check: what runvaultctl prints, with no JSON parser in a shell. */
@Provider
@Produces(MediaType.TEXT_PLAIN)
public class DoctorReportText implements MessageBodyWriter<DoctorReport> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return DoctorReport.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(DoctorReport report, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        report.checks().forEach(check -> text.append(check.line()).append('\n'));
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
