package dev.taskgateway.providers.newapi;

/** new-api keys below {@code taskgateway.sources.<id>}; the common keys sit beside them. */
public class NewApiProperties {

    /**
     * System access token from new-api's personal settings ("generate system access token"), not
     * an {@code sk-} relay key. A secret: set it from the environment, e.g. {@code ${NEWAPI_TOKEN}}.
     */
    private String accessToken;

    /** Numeric id of the user the token belongs to, sent as the {@code New-Api-User} header. */
    private String userId;

    /** {@code self}: the token user's tasks ({@code /api/task/self}); {@code all}: every task ({@code /api/task/}, admin). */
    private String scope = "self";

    /** Tasks per upstream page, 1 to 100 (new-api clamps larger pages to 100). */
    private int pageSize = 100;

    /**
     * Response shape of the instance: {@code auto} reads it from each answer, {@code current} expects
     * {@code data:{items,total,...}} with {@code p} from 1, {@code legacy} (builds up to 2025-04)
     * expects {@code data:[...]} with {@code p} from 0 and ten tasks per page.
     */
    private String apiShape = "auto";

    public String getAccessToken() { return accessToken; }
    public void setAccessToken(String accessToken) { this.accessToken = accessToken; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getScope() { return scope; }
    public void setScope(String scope) { this.scope = scope; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public String getApiShape() { return apiShape; }
    public void setApiShape(String apiShape) { this.apiShape = apiShape; }
}
