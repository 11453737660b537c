/**
 * TikMatrix local API ({@code http://127.0.0.1:50809/api/v1/}), phone automation scripts.
 *
 * <ul>
 *   <li>Docs: tikmatrix.com/docs/api/task-management and local-api; wire format assumed per
 *       PROVIDER-NOTES §4.3a (the item key and task fields are undocumented).</li>
 *   <li>Auth: none; the API listens on the PC it runs on. A Starter plan answers code 40301.</li>
 *   <li>Paging: {@code page} from 1, {@code page_size} at most 100; no order is promised, so the
 *       gateway reads the whole list (up to the scan cap) and sorts it.</li>
 *   <li>Filters pushed: {@code status} when the query asks for exactly one status.</li>
 *   <li>Envelope: {@code {code, message, data}}; HTTP 200 except 404 for an unknown task.</li>
 * </ul>
 */
package dev.taskgateway.providers.tikmatrix;
