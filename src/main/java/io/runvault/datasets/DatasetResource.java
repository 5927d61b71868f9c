package io.runvault.datasets;

import io.runvault.problem.NotFoundException;
import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import io.runvault.store.ContentLength;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/datasets")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "datasets", description = "Registered, content-addressed datasets that training jobs can name")
public class DatasetResource {

    @Inject
    DatasetImporter importer;

    @Inject
    DatasetRegistry registry;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "registerDataset", summary = "Register the uploaded dataset file under a new name",
            description = "The body is the file itself (an .npz, a zip of class folders, or a CSV); the query names "
                    + "it and says how to read it. It is checked completely before anything is stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(responseCode = "400", description = "Bad parameters, or the file is not a valid dataset of the format")
    @APIResponse(responseCode = "409", description = "The name is taken")
    @APIResponse(responseCode = "413", description = "Larger than the configured limits")
    public Response register(
            @QueryParam("name") @Parameter(required = true, description = "New dataset name") String name,
            @QueryParam("format") @Parameter(required = true, description = "npz, image-folder or csv") String format,
            @QueryParam("labelColumn") @Parameter(description = "CSV: the label column") String labelColumn,
            @QueryParam("groupColumn") @Parameter(description = "CSV: a group column (e.g. patient id)") String groupColumn,
            @QueryParam("classes") @Parameter(description = "Class names by label (npz, csv), repeated") List<String> classes,
            @Context HttpHeaders headers, @Context SecurityContext security, InputStream body) throws IOException {
        DatasetEntity row = importer.upload(name, format, new DatasetOptions(labelColumn, groupColumn, classes),
                ContentLength.declared(headers), body,
                security.getUserPrincipal().getName());
        return Response.status(201).entity(DatasetView.of(row)).build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "importDataset", summary = "Register a dataset from a path under an import root (administrators)")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(responseCode = "400", description = "Bad request, or not a valid dataset of the format")
    @APIResponse(responseCode = "403", description = "The path is outside the import roots")
    @APIResponse(responseCode = "404", description = "Nothing at the path")
    @APIResponse(responseCode = "409", description = "The name is taken, or import is off (no RUNVAULT_IMPORT_ROOTS)")
    @APIResponse(responseCode = "413", description = "Larger than the configured limits")
    public Response importPath(DatasetImportRequest request, @Context SecurityContext security) throws IOException {
        DatasetEntity row = importer.importPath(request, security.getUserPrincipal().getName());
        return Response.status(201).entity(DatasetView.of(row)).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "listDatasets", summary = "All registered datasets, by name")
    @APIResponse(responseCode = "200", description = "The datasets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetView[].class)))
    public List<DatasetView> list() {
        return registry.list().stream().map(DatasetView::of).toList();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getDataset", summary = "A registered dataset: digest, format, classes, shape, split and class counts")
    @APIResponse(responseCode = "200", description = "The dataset",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(responseCode = "404", description = "No such dataset")
    public DatasetView get(@PathParam("name") String name) {
        return registry.find(name).map(DatasetView::of)
                .orElseThrow(() -> new NotFoundException("dataset-not-found", "No dataset " + name));
    }
}
