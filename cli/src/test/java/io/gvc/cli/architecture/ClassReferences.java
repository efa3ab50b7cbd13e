package io.gvc.cli.architecture;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The io.gvc classes one compiled class refers to, read from its constant pool: class entries (what
 * the code calls, creates, casts to) and the type names inside descriptors and generic signatures
 * (parameter, return, field and annotation types). Compiled classes, unlike imports, also show
 * fully qualified names and same-named classes, so nothing escapes the check.
 */
final class ClassReferences {

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L(io/gvc/[^;<>]+)[;<]");

    private ClassReferences() {
    }

    /** Binary names (dots, {@code $} for nested classes) of the io.gvc classes {@code classFile} refers to. */
    static Set<String> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        Set<String> refs = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0) {
                String name = utf8[classNameIndex[i]];
                if (name.startsWith("io/gvc/")) {
                    refs.add(name.replace('/', '.'));
                }
            }
            if (utf8[i] != null) {
                Matcher m = TYPE_IN_DESCRIPTOR.matcher(utf8[i]);
                while (m.find()) {
                    refs.add(m.group(1).replace('/', '.'));
                }
            }
        }
        return refs;
    }

    /** The package of a binary class name. */
    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}
