package io.whalefall.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} run its own database (with the service's role and schema) and RabbitMQ
 * virtual host. Declare it with {@code initArgs = @ResourceArg(name = "schema", value = "<schema>")}.
 * The test can inject {@link TestInfrastructure} fields annotated {@link InjectInfrastructure}.
 */
public class IsolatedServiceResource implements QuarkusTestResourceLifecycleManager {

    private String schema;
    private TestInfrastructure infrastructure;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.get("schema");
        if (schema == null) {
            throw new IllegalArgumentException("IsolatedServiceResource needs the init arg 'schema'");
        }
    }

    @Override
    public Map<String, String> start() {
        infrastructure = TestInfrastructure.create(schema);
        return infrastructure.quarkusConfig(schema);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(infrastructure,
                new TestInjector.AnnotatedAndMatchesType(InjectInfrastructure.class, TestInfrastructure.class));
    }

    @Override
    public void stop() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }
}
