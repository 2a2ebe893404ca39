package io.leakproof.mongodb.internal;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCursor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Forwards calls on a database, collection, iterable or session to the driver's object and
 * watches what comes back: cursors become {@link TrackedCursor}s, sessions are tracked, other
 * driver interfaces get a handler of their own, and a checkout timeout becomes one that names
 * the holders.
 *
 * <p>Why a {@link Proxy} here, against the house rule for JDBC: the driver's interfaces have
 * hundreds of methods and grow with every release, each call is a server round trip (tens of
 * microseconds at least) next to which a reflective call (tens of nanoseconds) does not count,
 * and a generated delegate would break on the next driver version. Cursors, whose
 * {@code next()} is the hot loop, are a hand-written class.
 */
@SuppressWarnings("ReferenceEquality") // identity is the point: a proxy is equal only to itself
final class DriverHandler implements InvocationHandler {
  private final Object delegate;
  private final ClientState client;

  @SuppressWarnings("unused") // keeps the client proxy reachable while this object is
  private final Object clientProxy;

  DriverHandler(Object delegate, ClientState client, Object clientProxy) {
    this.delegate = delegate;
    this.client = client;
    this.clientProxy = clientProxy;
  }

  Object delegate() {
    return delegate;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return objectMethod(proxy, method, args);
    }
    Object result = call(delegate, method, args, client.tracker);
    return wrap(method, result, delegate, proxy, client, clientProxy);
  }

  static Object objectMethod(Object proxy, Method method, Object[] args) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> "Leakproof(" + Proxy.getInvocationHandler(proxy) + ")";
    };
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  /** Calls the driver with unwrapped arguments; a checkout timeout names the holders. */
  static Object call(Object target, Method method, Object[] args, CheckoutTracker tracker)
      throws Throwable {
    Object[] actual = args;
    if (args != null) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        Object d = unwrap(a);
        if (d != a) {
          if (actual == args) {
            actual = args.clone();
          }
          actual[i] = d;
        }
      }
    }
    try {
      return method.invoke(target, actual);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MongoTimeoutException t) {
        throw tracker.translate(t);
      }
      throw cause;
    }
  }

  /** Returns the driver's object behind one of ours, or the argument itself. */
  static Object unwrap(Object a) {
    if (a == null || !Proxy.isProxyClass(a.getClass())) {
      return a;
    }
    InvocationHandler h = Proxy.getInvocationHandler(a);
    if (h instanceof DriverHandler d) {
      return d.delegate;
    }
    if (h instanceof TrackedSession s) {
      return s.delegate();
    }
    return a;
  }

  /** Watches what the driver returned. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object wrap(
      Method method,
      Object result,
      Object delegate,
      Object proxy,
      ClientState client,
      Object clientProxy) {
    if (result == null) {
      return null;
    }
    if (result == delegate) {
      return proxy;
    }
    if (result instanceof MongoCursor<?> cursor) {
      return new TrackedCursor(cursor, client.tracker, clientProxy, client.openingSite());
    }
    if (result instanceof ClientSession session) {
      return TrackedSession.track(session, client, clientProxy);
    }
    Class<?> type = method.getReturnType();
    if (type.isInterface() && type.getName().startsWith("com.mongodb.client.")) {
      return Proxy.newProxyInstance(
          type.getClassLoader(),
          new Class<?>[] {type},
          new DriverHandler(result, client, clientProxy));
    }
    return result;
  }
}
