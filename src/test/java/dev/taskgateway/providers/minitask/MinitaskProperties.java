package dev.taskgateway.providers.minitask;

/** Minitask's own keys, below {@code taskgateway.sources.<id>}. */
public class MinitaskProperties {

    /** The API token (a secret: take it from the environment). */
    private String token;

    /** Jobs asked for per list call, 1 to 50. */
    private int pageSize = 20;

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
}
