package dev.taskgateway.providers.longlonglong;

/** Longlonglong keys below {@code taskgateway.sources.<id>}; the common keys sit beside them. */
public class LonglonglongProperties {

    /** Partner token sent as {@code Authorization: Bearer <token>}; a secret, set it from the environment. */
    private String token;

    /** The main account's UUID, the {@code {user_id}} of every path. */
    private String userId;

    /**
     * Items asked for per upstream page. More than the provider is likely to give: {@code per_page}
     * has no documented maximum, and a Laravel paginator that caps it silently still numbers its
     * pages by the capped length and reports {@code meta.total}, so the provider's own cap decides
     * the page length and a cold read costs about total ÷ cap calls (DESIGN §8), where the
     * vendor-shown 15 cost 3.4 times as many when the cap is 50.
     */
    private int pageSize = 100;

    /**
     * Send the {@code q} filter upstream as {@code name}. Off by default: the docs do not say how
     * {@code name} matches, and unless it is a case-insensitive substring match (or looser) a
     * pushed filter would hide tasks the gateway should show. Turn on once checked on the account.
     */
    private boolean pushNameFilter = false;

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public boolean isPushNameFilter() { return pushNameFilter; }
    public void setPushNameFilter(boolean pushNameFilter) { this.pushNameFilter = pushNameFilter; }
}
