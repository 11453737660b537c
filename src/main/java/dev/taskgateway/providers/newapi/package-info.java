/**
 * new-api task centers (QuantumNous/new-api, formerly Calcium-Ion/new-api): Suno and video
 * generation tasks relayed by a new-api instance.
 *
 * <ul>
 *   <li>Docs: docs.newapi.pro "Task Center Module" (task-center page); the facts this adapter relies
 *       on come from the provider's code (PROVIDER-NOTES §3): {@code controller/task.go},
 *       {@code model/task.go}, {@code common/page_info.go}, {@code middleware/auth.go}.</li>
 *   <li>Routes: {@code GET /api/task/self} (scope {@code self}, any user) and {@code GET /api/task/}
 *       (scope {@code all}, admin role ≥ 10).</li>
 *   <li>Auth: {@code Authorization: Bearer <system access token>} (personal settings, not an
 *       {@code sk-} relay key) and {@code New-Api-User: <user id>}, the bare integer the token
 *       belongs to (the provider page's {@code Bearer <id>} fails {@code strconv.Atoi}).</li>
 *   <li>Paging: {@code p} from 1 and {@code page_size} clamped to 100 on current builds, answered as
 *       {@code data:{items,total,page,page_size}}; builds up to 2025-04 answer {@code data:[...]} with
 *       {@code p} from 0, ten per page and no total. The shape is read from every answer
 *       ({@code api-shape: auto}) or fixed in configuration.</li>
 *   <li>Order: {@code ORDER BY id DESC}. Tasks are inserted with {@code submit_time = now}, so the
 *       id order is also newest-first by {@code submit_time}, which is what {@code createdAt} is
 *       read from and what {@code start_timestamp}/{@code end_timestamp} filter on (seconds, both
 *       inclusive): the source is {@code NEWEST_FIRST}. Two requests racing across a second
 *       boundary between stamping and inserting can invert that by a second; see
 *       docs/providers.md#new-api.</li>
 *   <li>Filters pushed: {@code status} when the unified statuses asked for select exactly one
 *       native value, and the created range as {@code start_timestamp}/{@code end_timestamp};
 *       {@code q} is applied by the gateway.</li>
 *   <li>Envelope: {@code {success, message, data}}; most failures, including a bad token, come
 *       with HTTP 200 and {@code success:false}; a missing token or {@code New-Api-User} is HTTP 401;
 *       the per-IP rate limit (180 requests / 180 s by default) is HTTP 429 with an empty body.</li>
 *   <li>Actions: none; new-api has no task operations.</li>
 * </ul>
 */
package dev.taskgateway.providers.newapi;
