/** Application code as a user writes it: its lines are the call sites leak reports name. */
package example.http;
