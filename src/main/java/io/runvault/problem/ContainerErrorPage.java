package io.runvault.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Errors the servlet container raises before the API sees a request (an undecodable or escaping
 * URL, an unknown path) are answered as problem documents too, through the error pages in web.xml.
 */
@WebServlet("/_problem")
public class ContainerErrorPage extends HttpServlet {

    /** A request attribute set when a refusal already wrote its own problem document. */
    public static final String WRITTEN_ATTRIBUTE = "io.runvault.problem.written";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(WRITTEN_ATTRIBUTE) != null) {
            return; // the refusal wrote its own, more precise, problem document
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String title = switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            default -> status >= 500 ? "Internal server error" : "Request refused";
        };
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(new Problem("/problems/http-" + status, title, status, title,
                uri == null ? null : uri.toString()).toJson().toString());
    }
}
