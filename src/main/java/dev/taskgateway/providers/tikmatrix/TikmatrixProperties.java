package dev.taskgateway.providers.tikmatrix;

/** TikMatrix keys below {@code taskgateway.sources.<id>}; the common keys sit beside them. */
public class TikmatrixProperties {

    /** Items per upstream page; TikMatrix allows at most 100. */
    private int pageSize = 100;

    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
}
