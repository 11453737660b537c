/**
 * NXLink (nxcloud / nxtele) AI-Agent outbound-call tasks, one source per account and region.
 *
 * <ul>
 *   <li>Docs: github.com/nxtele/http-api-document-en/wiki AI-Agent-Task-List and API-auth-basics
 *       (nxlink-task-list.txt and PROVIDER-NOTES §2 beside DESIGN.md). Regions are separate API
 *       gateways (api-hk, chl-api, api-idn.nxlink.ai): each is its own source with its own
 *       {@code base-url} and keys.</li>
 *   <li>Auth: headers {@code accessKey}, {@code ts} (epoch ms, ±60 s), {@code bizType} "100",
 *       {@code action} "nxai" and {@code sign}, the MD5 of those fields, the exact JSON body and
 *       the secret ({@link dev.taskgateway.providers.nxlink.NxlinkSigner}). The body is serialized
 *       once and those bytes are both signed and sent. A 1004 (timestamp expired) is re-signed and
 *       sent once more.</li>
 *   <li>Paging: {@code POST /openapi/aiagent/task/list} with {@code pageNumber} from 1 and
 *       {@code pageSize} at most 1000. The docs promise no order (nothing says newest first, and
 *       there is no sort parameter), so the source is {@code UNORDERED}: the gateway reads the
 *       whole list, up to the scan cap, and sorts it.</li>
 *   <li>Filters pushed: {@code createdFrom}/{@code createdTo} as {@code createStartTs}/
 *       {@code createEndTs} in whole seconds; {@code status} when it is exactly one native value
 *       (not PAUSED, which is 5 and 6). {@code q} is not pushed: {@code taskName} is not documented
 *       as a substring match.</li>
 *   <li>Envelope: {@code {code, message, traceId}} with the page at the top level or in
 *       {@code data}; code 0 is success, 1001-1005 auth failures, 20000 a business error. The HTTP
 *       status is undocumented: the body decides, the status only when the body says nothing.</li>
 *   <li>No detail endpoint and no actions in the aiagent family: lookups by id scan the list.</li>
 * </ul>
 */
package dev.taskgateway.providers.nxlink;
