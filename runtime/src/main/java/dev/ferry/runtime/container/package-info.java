/**
 * Running Ferry inside a Jakarta EE server: its resources from JNDI, the start-up bean and the
 * container-managed transaction bean.
 *
 * <p><b>Internal</b>: not API. No compatibility promise; application code must not use it.
 * One exception: the bean name {@code "FerryStartup"} may be named in
 * {@code @DependsOn("FerryStartup")} by an application start-up bean that uses Ferry.
 */
package dev.ferry.runtime.container;
