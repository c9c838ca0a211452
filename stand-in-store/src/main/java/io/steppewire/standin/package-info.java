/**
 * The MongoDB stand-in (mongo-java-server) that the local stack, the tests and the component benchmarks run, and the
 * one place where it is made to keep a promise real MongoDB keeps. Services never depend on this module at run time.
 */
@NullMarked
package io.steppewire.standin;

import org.jspecify.annotations.NullMarked;
