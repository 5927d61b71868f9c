package io.runvault.mlflow;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Binds the body of an MLflow API request, whatever its content type (MLflow's clients send JSON,
 * some without saying so), to {@link MlflowRequest}: read up to 16 MiB, never further.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class MlflowRequestReader implements MessageBodyReader<MlflowRequest> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == MlflowRequest.class;
    }

    @Override
    public MlflowRequest readFrom(Class<MlflowRequest> type, Type genericType, Annotation[] annotations,
                                  MediaType mediaType, MultivaluedMap<String, String> headers, InputStream entityStream) {
        return MlflowRequest.ofBody(MlflowRequest.read(entityStream));
    }
}
