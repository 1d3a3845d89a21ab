/**
 * What the user gives the command line and how it is refused: {@link org.cim2pq.ops.input.UserError} (one line,
 * with its cause), the closed sets of choices and the limits of the options. Every ops package may use it; it
 * uses none of them.
 */
package org.cim2pq.ops.input;
