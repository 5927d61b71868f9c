package io.runvault.promotion;

/**
 * The extension point for gates: a CDI bean per kind turns a policy's {@link GateSpec} into a
 * {@link Gate}, refusing bad settings with an InvalidRequestException when the policy is set.
 * Later features add kinds (ONNX parity) by adding a bean.
 */
public interface GateKind {

    String kind();

    Gate parse(GateSpec spec);
}
