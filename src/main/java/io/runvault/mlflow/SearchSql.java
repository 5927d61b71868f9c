package io.runvault.mlflow;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.nio.charset.StandardCharsets;

/** One search statement being built from filter clauses: SQL text with positional arguments, portable to H2 and PostgreSQL. */
final class SearchSql {

    /** MLflow's own cap on one page of a search. */
    static final int MAX_PAGE = 50_000;

    private final StringBuilder sql;
    private final List<Object> args = new ArrayList<>();

    SearchSql(String select) {
        this.sql = new StringBuilder(select);
    }

    SearchSql append(String text, Object... values) {
        sql.append(text);
        Collections.addAll(args, values);
        return this;
    }

    /** {@code AND <column> <op> <value>}; ILIKE compares lower-cased, IN takes a list. */
    SearchSql compare(String column, SearchFilter.Clause clause) {
        sql.append(" AND ").append(condition(column, clause));
        return this;
    }

    /** The condition alone, its arguments added. */
    String condition(String column, SearchFilter.Clause clause) {
        Object value = clause.value();
        switch (clause.op()) {
            case "ILIKE":
                args.add(value);
                return "LOWER(" + column + ") LIKE LOWER(?)";
            case "IN", "NOT IN":
                List<?> values = (List<?>) value;
                args.addAll(values);
                return column + " " + clause.op() + " (" + String.join(",", Collections.nCopies(values.size(), "?")) + ")";
            default:
                args.add(value);
                return column + " " + clause.op() + " ?";
        }
    }

    List<?> list(EntityManager em, int offset, int limit) {
        sql.append(" LIMIT ").append(limit).append(" OFFSET ").append(offset);
        Query query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            query.setParameter(i + 1, args.get(i));
        }
        return query.getResultList();
    }

    static int pageSize(MlflowRequest request, int fallback) {
        int size = request.intValue("max_results", fallback);
        if (size < 1 || size > MAX_PAGE) {
            throw MlflowException.invalid("max_results must be between 1 and " + MAX_PAGE + ", got " + size);
        }
        return size;
    }

    /** Page tokens are the offset of the next page, opaque to clients. */
    static int offset(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring(7));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw MlflowException.invalid("Invalid page token");
    }

    static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }
}
