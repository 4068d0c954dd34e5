/**
 * The exceptions the SDK throws. All are unchecked and extend {@link
 * com.baseten.sdk.errors.BasetenException}.
 *
 * <table>
 *   <caption>What each failure throws</caption>
 *   <tr><th>Failure</th><th>Exception</th></tr>
 *   <tr><td>400</td><td>{@link com.baseten.sdk.errors.BadRequestException}</td></tr>
 *   <tr><td>401</td><td>{@link com.baseten.sdk.errors.AuthenticationException}</td></tr>
 *   <tr><td>403</td><td>{@link com.baseten.sdk.errors.PermissionDeniedException}</td></tr>
 *   <tr><td>404</td><td>{@link com.baseten.sdk.errors.NotFoundException}</td></tr>
 *   <tr><td>409</td><td>{@link com.baseten.sdk.errors.ConflictException}</td></tr>
 *   <tr><td>422</td><td>{@link com.baseten.sdk.errors.UnprocessableEntityException}</td></tr>
 *   <tr><td>429</td><td>{@link com.baseten.sdk.errors.RateLimitException}</td></tr>
 *   <tr><td>5xx</td><td>{@link com.baseten.sdk.errors.InternalServerException}</td></tr>
 *   <tr><td>any other non-2xx</td><td>{@link com.baseten.sdk.errors.UnexpectedStatusException}</td></tr>
 *   <tr><td>network failure</td><td>{@link com.baseten.sdk.errors.BasetenIoException}</td></tr>
 *   <tr><td>timeout</td><td>{@link com.baseten.sdk.errors.BasetenTimeoutException}</td></tr>
 *   <tr><td>2xx with a body that is not the documented JSON</td>
 *       <td>{@link com.baseten.sdk.errors.BasetenInvalidResponseException}</td></tr>
 * </table>
 *
 * <p>Constructors are public so that tests can throw these from fakes.
 */
@NullMarked
package com.baseten.sdk.errors;

import org.jspecify.annotations.NullMarked;
