package dev.taskgateway.providers.nxlink;

/**
 * NXLink keys below {@code taskgateway.sources.<id>}; the common keys sit beside them. The two
 * credentials are secrets: bind them from the environment, never from the repository.
 */
public class NxlinkProperties {

    /** The account's {@code accessKey} (sent in a header, but kept out of logs and errors all the same). */
    private String accessKey;

    /** The account's {@code accessSecret}; it signs every request and never goes over the wire. */
    private String accessSecret;

    /** The {@code bizType} header: {@code "100"} for AI Agent. */
    private String bizType = "100";

    /** The {@code action} header: {@code "nxai"} for AI Agent. */
    private String action = "nxai";

    /** Tasks per upstream page; NXLink allows at most 1000. */
    private int pageSize = 1000;

    /**
     * Signature digest, {@code md5} (the documented default) or {@code sha256} (sent as the
     * {@code algorithm} header; documented only in the Chinese copy of the auth page).
     */
    private String algorithm = "md5";

    public String getAccessKey() { return accessKey; }
    public void setAccessKey(String accessKey) { this.accessKey = accessKey; }
    public String getAccessSecret() { return accessSecret; }
    public void setAccessSecret(String accessSecret) { this.accessSecret = accessSecret; }
    public String getBizType() { return bizType; }
    public void setBizType(String bizType) { this.bizType = bizType; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public String getAlgorithm() { return algorithm; }
    public void setAlgorithm(String algorithm) { this.algorithm = algorithm; }

    @Override
    public String toString() {
        return "NxlinkProperties[bizType=" + bizType + ", action=" + action + ", pageSize=" + pageSize
                + ", algorithm=" + algorithm + ", credentials=(hidden)]";
    }
}
