import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.Arrays;
import java.util.Map;

/**
 * Loads the installed package's native libraries the way the server does and computes with them:
 * ONNX Runtime from lib/native/onnxruntime (a one-node Relu model), PyTorch through DJL from the
 * pytorch-native-cpu jar. Prints one line per engine; any failure ends with a non-zero exit.
 * Run with the application's libraries on the class path and -Donnxruntime.native.path set.
 */
public class NativesCheck {

    public static void main(String[] args) throws Exception {
        OnnxMl.TensorProto.DataType f32 = OnnxMl.TensorProto.DataType.FLOAT;
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(f32.getNumber()).setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(3)))).build();
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13))
                .setGraph(OnnxMl.GraphProto.newBuilder().setName("relu")
                        .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Relu").addInput("x").addOutput("y"))
                        .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(type))
                        .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y").setType(type)))
                .build();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, new float[] {-1f, 0f, 2f});
             OrtSession.Result result = session.run(Map.of("x", x))) {
            float[] y = (float[]) result.get(0).getValue();
            if (!Arrays.equals(y, new float[] {0f, 0f, 2f})) {
                throw new AssertionError("ONNX Runtime Relu gave " + Arrays.toString(y));
            }
            System.out.println("onnxruntime " + env.getVersion() + ": Relu(-1, 0, 2) = " + Arrays.toString(y));
        }
        Engine torch = Engine.getEngine("PyTorch");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray sum = manager.create(new float[] {1f, 2f, 3f}).mul(2f).sum();
            float value = sum.getFloat();
            if (value != 12f) {
                throw new AssertionError("PyTorch sum gave " + value);
            }
            System.out.println("pytorch " + torch.getVersion() + ": sum(2 * (1, 2, 3)) = " + value);
        }
    }
}
