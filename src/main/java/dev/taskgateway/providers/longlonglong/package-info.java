/**
 * Longlonglong AI outbound-call platform ({@code https://ai.api.longlonglong.cn}), 2.0 call tasks.
 *
 * <ul>
 *   <li>Docs: docs.longlonglong.cn/api/API接口/… ("任务列表(所有子账号)", "任务暂停"); facts and
 *       quirks in PROVIDER-NOTES §1 and quirks 1, 3, 4, 9, 10, 12.</li>
 *   <li>Auth: {@code Authorization: Bearer <partner token>} on every call; every path names the
 *       main account ({@code user_id}); a sub-account is picked with {@code sub_user_id}.</li>
 *   <li>Envelope: success only when the body says {@code code == 200 && status == "success"},
 *       whatever the HTTP status. The error envelope is undocumented: we assume the same shape
 *       with another {@code code} (401/403, 404, 422, 429, 5xx).</li>
 *   <li>Paging: Laravel paginator, {@code page} from 1 and {@code per_page} (no documented
 *       maximum, so a silent cap is assumed; 100 is asked by default, and the cap decides the
 *       page length); {@code meta.current_page}/{@code meta.last_page}
 *       decide the last page, never the item count. No order is promised: the gateway reads the
 *       whole list (up to the scan cap) and sorts it.</li>
 *   <li>Filters pushed: none by default; {@code name} (for {@code q}) only with
 *       {@code push-name-filter: true}, because its matching rule is undocumented.</li>
 *   <li>Status: derived from {@code enable} and {@code new_task_extra.call_status}
 *       (see {@code LonglonglongTaskMapper}); times are zone-less, read in Asia/Shanghai unless
 *       the source sets {@code timezone}.</li>
 *   <li>Actions: pause ({@code PUT …/task_stop/{task_id}}); there is no 2.0 start or detail
 *       endpoint, so a task is found by scanning the list.</li>
 * </ul>
 */
package dev.taskgateway.providers.longlonglong;
