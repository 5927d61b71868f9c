package io.runvault.mlflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * MLflow's runs/search as one SQL statement: the filter's comparisons become EXISTS conditions on
 * the param, tag and latest-metric tables; each order_by key is a join, with missing values last
 * in either direction, as MLflow sorts them.
 */
@ApplicationScoped
public class RunSearcher {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    TrackedRuns runs;

    /** The page of a search and the token of the next one (null on the last). */
    record Page(List<TrackedRun> runs, String nextPageToken) {
    }

    public Page search(MlflowRequest request) {
        List<Long> experimentIds = new ArrayList<>();
        for (String id : request.texts("experiment_ids")) {
            experimentIds.add(ExperimentService.parseId(id));
        }
        if (experimentIds.isEmpty()) {
            throw MlflowException.invalid("Runs are searched in a list of experiment_ids; none was given");
        }
        SearchFilter filter = SearchFilter.parse(request.text("filter"));
        List<SearchFilter.Order> orders = SearchFilter.orderBy(request.texts("order_by"));
        int size = SearchSql.pageSize(request, 1000);
        int offset = SearchSql.offset(request.text("page_token"));

        SearchSql sql = new SearchSql("SELECT r.run_uuid FROM mlflow_run r");
        List<String> orderTerms = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            SearchFilter.Order order = orders.get(i);
            String column = order.entity() == SearchFilter.Entity.ATTRIBUTE ? column(order.key()) : join(sql, order, "o" + i);
            String direction = order.ascending() ? " ASC" : " DESC";
            orderTerms.add("CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END, " + column + direction);
        }
        sql.append(" WHERE r.experiment_id IN (" + String.join(",", Collections.nCopies(experimentIds.size(), "?")) + ")",
                experimentIds.toArray());
        sql.append(" AND r.lifecycle_stage IN " + ViewType.of(request.text("run_view_type")).stages);
        for (SearchFilter.Clause clause : filter.clauses()) {
            switch (clause.entity()) {
                case ATTRIBUTE -> sql.compare(column(clause.key()), clause);
                case METRIC -> exists(sql, "mlflow_latest_metric", "metric_key", "metric_value", clause);
                case PARAM -> exists(sql, "mlflow_param", "param_key", "param_value", clause);
                case TAG -> exists(sql, "mlflow_tag", "tag_key", "tag_value", clause);
            }
        }
        orderTerms.add(orders.isEmpty() ? "r.start_time DESC, r.run_uuid ASC" : "r.run_uuid ASC");
        sql.append(" ORDER BY " + String.join(", ", orderTerms));
        List<?> ids = sql.list(em, offset, size + 1);
        List<String> page = new ArrayList<>();
        for (Object id : ids.subList(0, Math.min(size, ids.size()))) {
            page.add((String) id);
        }
        return new Page(runs.load(page), ids.size() > size ? SearchSql.token(offset + size) : null);
    }

    private static void exists(SearchSql sql, String table, String keyColumn, String valueColumn, SearchFilter.Clause clause) {
        sql.append(" AND EXISTS (SELECT 1 FROM " + table + " x WHERE x.run_uuid = r.run_uuid AND x." + keyColumn + " = ? AND ",
                clause.key());
        sql.append(sql.condition("x." + valueColumn, clause) + ")");
    }

    /** Joins the table an order_by key reads, as {@code alias}; answers the column to sort on. */
    private static String join(SearchSql sql, SearchFilter.Order order, String alias) {
        String[] table = switch (order.entity()) {
            case METRIC -> new String[] {"mlflow_latest_metric", "metric_key", "metric_value"};
            case PARAM -> new String[] {"mlflow_param", "param_key", "param_value"};
            default -> new String[] {"mlflow_tag", "tag_key", "tag_value"};
        };
        sql.append(" LEFT JOIN " + table[0] + " " + alias + " ON " + alias + ".run_uuid = r.run_uuid AND " + alias + "."
                + table[1] + " = ?", order.key());
        return alias + "." + table[2];
    }

    private static String column(String attribute) {
        return switch (attribute) {
            case "run_id", "run_uuid" -> "r.run_uuid";
            case "run_name" -> "r.run_name";
            case "status" -> "r.status";
            case "user_id" -> "r.user_id";
            case "start_time" -> "r.start_time";
            case "end_time" -> "r.end_time";
            default -> throw MlflowException.invalid("Runs have no searchable attribute '" + attribute
                    + "' (run_id, run_name, status, user_id, start_time, end_time)");
        };
    }
}
