using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VanishingGradients.Grading.Worker
{
    /// <summary>
    /// A call into student code as data: the grader writes it as a C# lambda (an expression tree), the host encodes it, the
    /// worker rebuilds and runs it. Every part that does not touch the student's assembly is evaluated on the host first
    /// and travels as a constant (so the grader's fixtures, closures and expected values never reach the worker); what is
    /// left is calls, constructors, members and small lambdas, all named by type and signature.
    /// </summary>
    public sealed class CallEncoder
    {
        private readonly Func<Type, bool> _isStudentType;
        private readonly Values _values;
        private readonly Dictionary<ParameterExpression, int> _parameters = new();

        /// <param name="isStudentType">True for the types whose code lives in the student's assembly: those calls are remote.</param>
        public CallEncoder(Func<Type, bool> isStudentType, Values values)
        {
            _isStudentType = isStudentType;
            _values = values;
        }

        public JsonNode Encode(Expression e)
        {
            if (e is not LambdaExpression && !new RemoteFinder(_isStudentType).Needs(e)) return Constant(Evaluate(e), e.Type);
            switch (e)
            {
                case LambdaExpression l:
                    var ps = new JsonArray();
                    foreach (var p in l.Parameters)
                    {
                        _parameters[p] = _parameters.Count;
                        ps.Add(new JsonObject { ["id"] = _parameters[p], ["t"] = TypeNames.Describe(p.Type) });
                    }
                    return Node("lambda", ("d", TypeNames.Describe(l.Type)), ("p", ps), ("b", Encode(l.Body)));
                case ParameterExpression p:
                    return _parameters.TryGetValue(p, out int id) ? Node("param", ("id", id)) : throw new WireException($"Parameter {p.Name} is not in scope.");
                case MethodCallExpression { Method.Name: "CreateDelegate", Object: ConstantExpression { Value: MethodInfo target } } c
                    when c.Method.DeclaringType == typeof(MethodInfo) && c.Arguments.Count >= 1:
                    // A method group passed as a delegate (Initialisers.He): send the method, the worker makes the delegate.
                    return Node("delegate", ("d", TypeNames.Describe((Type)Evaluate(c.Arguments[0])!)), ("m", Method(target)));
                case MethodCallExpression c:
                    return Node("call", ("m", Method(c.Method)), ("o", c.Object == null ? null : Encode(c.Object)), ("a", Many(c.Arguments)));
                case NewExpression n when n.Constructor != null:
                    return Node("new", ("t", TypeNames.Describe(n.Type)), ("p", Types(n.Constructor.GetParameters())), ("a", Many(n.Arguments)));
                case MemberExpression m:
                    return Node("member", ("t", TypeNames.Describe(m.Member.DeclaringType!)), ("n", m.Member.Name), ("o", m.Expression == null ? null : Encode(m.Expression)));
                case UnaryExpression u when u.NodeType is ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.Negate
                    or ExpressionType.Not or ExpressionType.ArrayLength or ExpressionType.Quote:
                    return Node("unary", ("op", u.NodeType.ToString()), ("t", TypeNames.Describe(u.Type)), ("x", Encode(u.Operand)));
                case BinaryExpression b when b.Method == null:
                    return Node("binary", ("op", b.NodeType.ToString()), ("l", Encode(b.Left)), ("r", Encode(b.Right)));
                case ConditionalExpression c:
                    return Node("if", ("c", Encode(c.Test)), ("y", Encode(c.IfTrue)), ("n", Encode(c.IfFalse)));
                case NewArrayExpression a:
                    return Node(a.NodeType == ExpressionType.NewArrayInit ? "array" : "arraybounds", ("t", TypeNames.Describe(a.Type.GetElementType()!)), ("a", Many(a.Expressions)));
                case InvocationExpression i:
                    return Node("invoke", ("f", Encode(i.Expression)), ("a", Many(i.Arguments)));
                default:
                    throw new WireException($"The grader's call uses '{e.NodeType}', which cannot be sent to the worker; keep calls into student code simple.");
            }
        }

        private JsonArray Many(IEnumerable<Expression> es) => new(es.Select(Encode).ToArray());

        private JsonNode Constant(object? value, Type type) =>
            value is Delegate d && ShippableLambdas.TryGetValue(d, out var lambda) ? Encode(lambda)
                : Node("const", ("t", TypeNames.Describe(type)), ("v", _values.Encode(value)));

        /// <summary>Delegates the grader hands to student code (an activation function), with the lambda the worker rebuilds them from.</summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Delegate, LambdaExpression> ShippableLambdas = new();

        /// <summary>Compiles <paramref name="lambda"/> for the grader's own use and remembers how to send it to the worker.</summary>
        public static T Shippable<T>(Expression<T> lambda) where T : Delegate
        {
            var compiled = lambda.Compile();
            ShippableLambdas.AddOrUpdate(compiled, lambda);
            return compiled;
        }

        private static JsonObject Method(MethodInfo m) => new()
        {
            ["t"] = TypeNames.Describe(m.DeclaringType!),
            ["n"] = m.Name,
            ["g"] = new JsonArray(m.IsGenericMethod ? m.GetGenericArguments().Select(TypeNames.Describe).ToArray() : Array.Empty<JsonNode>()),
            ["p"] = Types(m.GetParameters()),
        };

        private static JsonArray Types(ParameterInfo[] ps) => new(ps.Select(p => TypeNames.Describe(p.ParameterType)).ToArray());

        private static object? Evaluate(Expression e) =>
            Expression.Lambda<Func<object?>>(Expression.Convert(e, typeof(object))).Compile(preferInterpretation: true)();

        private static JsonObject Node(string kind, params (string Name, object? Value)[] fields)
        {
            var o = new JsonObject { ["k"] = kind };
            foreach (var (name, value) in fields)
                o[name] = value switch { null => null, JsonNode n => n, int i => i, string s => s, _ => throw new ArgumentException(name) };
            return o;
        }

        /// <summary>Finds whether an expression must run in the worker: it names student code or uses a lambda's parameter.</summary>
        private sealed class RemoteFinder : ExpressionVisitor
        {
            private readonly Func<Type, bool> _isStudentType;
            private bool _found;
            public RemoteFinder(Func<Type, bool> isStudentType) => _isStudentType = isStudentType;

            public bool Needs(Expression e)
            {
                Visit(e);
                return _found;
            }

            public override Expression? Visit(Expression? node) => _found ? node : base.Visit(node);
            protected override Expression VisitParameter(ParameterExpression node) { _found = true; return node; }
            protected override Expression VisitLambda<T>(Expression<T> node) { _found = true; return node; }

            protected override Expression VisitMethodCall(MethodCallExpression node)
            {
                if (Student(node.Method.DeclaringType) || node.Method.IsGenericMethod && node.Method.GetGenericArguments().Any(Student)) _found = true;
                return base.VisitMethodCall(node);
            }

            protected override Expression VisitNew(NewExpression node)
            {
                if (Student(node.Type)) _found = true;
                return base.VisitNew(node);
            }

            protected override Expression VisitMember(MemberExpression node)
            {
                if (Student(node.Member.DeclaringType)) _found = true;
                return base.VisitMember(node);
            }

            protected override Expression VisitConstant(ConstantExpression node)
            {
                if (node.Value is MethodInfo m && Student(m.DeclaringType)) _found = true;
                return node;
            }

            private bool Student(Type? t) => t != null && (_isStudentType(t) || t.IsArray && Student(t.GetElementType()) ||
                t.IsGenericType && t.GetGenericArguments().Any(Student));
        }
    }

    /// <summary>The worker's half: rebuilds an encoded call as an expression tree over the types it can see.</summary>
    public sealed class CallDecoder
    {
        private readonly Func<string, Type?> _lookup;
        private readonly Values _values;
        private readonly Dictionary<long, ParameterExpression> _parameters = new();

        public CallDecoder(Func<string, Type?> lookup, Values values)
        {
            _lookup = lookup;
            _values = values;
        }

        public Expression Decode(JsonElement n, int depth = 0)
        {
            if (depth > 64) throw new WireException("A call is nested too deeply.");
            JsonElement F(string name) => Json.Get(n, name);
            Expression D(string name) => Decode(F(name), depth + 1);
            Expression[] Many(string name) => Json.Array(n, name).Select(a => Decode(a, depth + 1)).ToArray();
            Expression? Optional(string name) => F(name).ValueKind == JsonValueKind.Null ? null : D(name);
            switch (Json.Str(n, "k"))
            {
                case "const":
                    var type = Type(F("t"));
                    return Expression.Constant(_values.Decode(F("v"), type), type);
                case "lambda":
                    var ps = Json.Array(n, "p").Select(p => _parameters[Json.Long(p, "id")] = Expression.Parameter(Type(Json.Get(p, "t")))).ToList();
                    return Expression.Lambda(Type(F("d")), D("b"), ps);
                case "param":
                    return _parameters.TryGetValue(Json.Long(n, "id"), out var parameter) ? parameter : throw new WireException("Unknown parameter.");
                case "delegate":
                    var method = Method(F("m"));
                    return Expression.Constant(method.CreateDelegate(Type(F("d"))), Type(F("d")));
                case "call":
                    return Expression.Call(Optional("o"), Method(F("m")), Many("a"));
                case "new":
                    var newType = Type(F("t"));
                    var signature = Json.Array(n, "p").Select(Type).ToArray();
                    var constructor = newType.GetConstructor(signature) ?? throw new MissingMethodException($"{newType.Name} has no constructor ({string.Join(", ", signature.Select(t => t.Name))}).");
                    return Expression.New(constructor, Many("a"));
                case "member":
                    var owner = Type(F("t"));
                    string name = Json.Str(n, "n");
                    var member = owner.GetMember(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance).FirstOrDefault(m => m is PropertyInfo or FieldInfo)
                        ?? throw new MissingMemberException($"{owner.Name} has no public member '{name}'.");
                    return Expression.MakeMemberAccess(Optional("o"), member);
                case "unary":
                    var op = Enum.Parse<ExpressionType>(Json.Str(n, "op"));
                    return op == ExpressionType.Quote ? Expression.Quote(D("x")) : Expression.MakeUnary(op, D("x"), Type(F("t")));
                case "binary":
                    return Expression.MakeBinary(Enum.Parse<ExpressionType>(Json.Str(n, "op")), D("l"), D("r"));
                case "if":
                    return Expression.Condition(D("c"), D("y"), D("n"));
                case "array":
                    return Expression.NewArrayInit(Type(F("t")), Many("a"));
                case "arraybounds":
                    return Expression.NewArrayBounds(Type(F("t")), Many("a"));
                case "invoke":
                    return Expression.Invoke(D("f"), Many("a"));
                default:
                    throw new WireException($"Unknown call node '{Json.Str(n, "k")}'.");
            }
        }

        private Type Type(JsonElement e) => TypeNames.Resolve(e, _lookup);

        private MethodInfo Method(JsonElement m)
        {
            var owner = Type(Json.Get(m, "t"));
            string name = Json.Str(m, "n");
            var generic = Json.Array(m, "g").Select(Type).ToArray();
            var signature = Json.Array(m, "p").Select(Type).ToArray();
            foreach (var candidate in owner.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
            {
                if (candidate.Name != name || candidate.GetGenericArguments().Length != generic.Length || candidate.GetParameters().Length != signature.Length) continue;
                var concrete = generic.Length > 0 ? candidate.MakeGenericMethod(generic) : candidate;
                if (concrete.GetParameters().Select(p => p.ParameterType).SequenceEqual(signature)) return concrete;
            }
            throw new MissingMethodException($"{owner.Name}.{name}({string.Join(", ", signature.Select(t => t.Name))}) is missing: keep the exercise's method signatures as given.");
        }
    }
}
