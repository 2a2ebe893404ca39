package io.leakproof.spring.boot.autoconfigure;

import io.leakproof.jdbc.LeakproofDataSource;
import io.leakproof.management.PoolMXBeans;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The JMX registrations of the context's Leakproof data sources: made once every singleton
 * exists, removed when the context closes (so that a second context in the same JVM can register
 * a pool of the same name).
 */
public final class LeakproofMBeans implements SmartInitializingSingleton, DisposableBean {

  private final ObjectProvider<LeakproofDataSource> dataSources;
  private final List<PoolMXBeans.Registration> registrations = new ArrayList<>(); // Spring's thread

  LeakproofMBeans(ObjectProvider<LeakproofDataSource> dataSources) {
    this.dataSources = dataSources;
  }

  @Override
  public void afterSingletonsInstantiated() {
    dataSources.orderedStream().forEach(ds -> registrations.add(PoolMXBeans.register(ds.pool())));
  }

  /**
   * Returns the registered object names.
   *
   * @return the names
   */
  public List<String> objectNames() {
    List<String> names = new ArrayList<>();
    for (PoolMXBeans.Registration r : registrations) {
      names.add(r.objectName());
    }
    return names;
  }

  @Override
  public void destroy() {
    for (PoolMXBeans.Registration r : registrations) {
      r.close();
    }
    registrations.clear();
  }
}
