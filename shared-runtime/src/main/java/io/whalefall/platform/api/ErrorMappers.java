package io.whalefall.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Turns every failure of a REST call into the WhaleFall error envelope: the client always gets a
 * {@code message_code} and a message, never a stack trace.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.code(), e.getMessage(), e.context());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(ErrorMappers::fieldError)
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return respond(ApiException.validation(errors));
    }

    /** Jackson's type and format errors; declared for the subtype so it wins over Quarkus' built-in mapper. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        boolean truncated = e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !truncated) {
            return respond(ApiException.validation(jsonPath(mapping), "has the wrong type or format: "
                    + firstLine(mapping.getOriginalMessage())));
        }
        return respond(ErrorCode.INVALID_REQUEST, "The request body is not valid JSON: " + firstLine(e.getOriginalMessage()),
                Map.of());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return challenge(request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return challenge(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ErrorCode.PERMISSION_DENIED, "Your role does not allow this action", Map.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(ErrorCode.RESOURCE_NOT_FOUND, "No such resource", Map.of());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return respond(ErrorCode.INVALID_REQUEST, 405, "This HTTP method is not allowed here");
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return respond(ErrorCode.INVALID_REQUEST, 415, "Send the body as application/json");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return respond(ErrorCode.INVALID_REQUEST, 406, "This resource answers with application/json");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps malformed JSON in a plain 400
            return json(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return respond(ErrorCode.INVALID_REQUEST, status, firstLine(e.getMessage()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        ErrorCode code = causedBySql(e) ? ErrorCode.DATABASE_QUERY_ERROR : ErrorCode.INTERNAL_ERROR;
        ErrorResponse body = ErrorResponse.of(code, code == ErrorCode.DATABASE_QUERY_ERROR
                ? "The database could not complete the request"
                : "An unexpected error occurred", Map.of());
        LOG.errorf(e, "Request failed with error_id %s", body.errorId());
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** 401 with a Basic challenge, except for the dashboard's own calls, which must not pop a browser dialog. */
    private static Response challenge(HttpServerRequest request) {
        Response.ResponseBuilder response = Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(ErrorCode.AUTHENTICATION_REQUIRED, "Authentication is required", Map.of()));
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"WhaleFall\"");
        }
        return response.build();
    }

    static Response respond(ApiException e) {
        return respond(e.code(), e.getMessage(), e.context());
    }

    static Response respond(ErrorCode code, String message, Map<String, Object> context) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(code, message, context)).build();
    }

    private static Response respond(ErrorCode code, int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(code, message, Map.of())).build();
    }

    private static FieldError fieldError(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "method.arg0.field" → keep the part after the method and parameter names
        String[] parts = path.split("\\.");
        String field = parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : parts[parts.length - 1];
        return new FieldError(snakeCase(field), violation.getMessage());
    }

    /** Bean-validation paths use Java names; clients know the snake_case JSON names. */
    private static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    private static boolean causedBySql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
